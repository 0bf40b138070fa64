// What a question is about, for the offline analyst: a few deterministic patterns, most specific first.
export const coachIntents = ['benchmarks', 'contact', 'compare', 'revenue', 'churn', 'content', 'general'] as const;
export type CoachIntent = (typeof coachIntents)[number];

const patterns: Array<[CoachIntent, RegExp]> = [
  [
    'benchmarks',
    /\bbenchmark|\b(similar|other|comparable|peer)\s+(business|compan|creator|communit|server|group)|\bindustry\b|\bcompetitor|\b(average|typical)\s+(creator|business|compan|communit)/,
  ],
  [
    'contact',
    /\bwho\b.*\b(contact|reach|message|dm|call|email|talk|focus|save|help)|\b(contact|reach out|call|message)\b.*\bfirst\b|\bwhich members\b|\bat[- ]risk members\b|\bwho (is|are) (at risk|likely to (leave|churn|cancel))/,
  ],
  [
    'compare',
    /\bcompare|\bcompared\b|\bvs\.?\b|\bversus\b|\bhow (am i|are we|is (it|my business|the business|the community)) (doing|going|trending)\b|\b(better|worse) than (last|the previous)/,
  ],
  ['revenue', /\b(revenue|mrr|arr|income|sales|earnings?|money|payments?)\b|\bmaking less\b|\bmaking more\b/],
  [
    'churn',
    /\bchurn|\bcancel|\bretention\b|\bretain|\bleav(e|ing)\b|\bkeep (my |more )?(members|customers|subscribers)|\blosing (members|customers|subscribers)/,
  ],
  [
    'content',
    /\bcontent\b|\bcourses?\b|\blessons?\b|\bposts?\b|\bvideos?\b|\bmodules?\b|\bwhat works\b|\bperforms? best\b|\bcomplet(e|ion)/,
  ],
];

export function detectIntent(question: string): CoachIntent {
  const q = question.toLowerCase();
  for (const [intent, pattern] of patterns) if (pattern.test(q)) return intent;
  return 'general';
}

/** Whether a revenue question asks why it went down (or up, or just moved). */
export function askedDirection(question: string): 'down' | 'up' | null {
  const q = question.toLowerCase();
  if (/\b(down|drop|dropp|fall|fell|falling|decline|declin|lower|less|shrink|decreas|lost|losing)/.test(q))
    return 'down';
  if (/\b(up|grow|grew|growing|rise|rising|rose|increas|higher|more)\b/.test(q)) return 'up';
  return null;
}
