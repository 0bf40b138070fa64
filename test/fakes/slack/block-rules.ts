// The Block Kit limits the real Slack enforces with `invalid_blocks`, so a renderer that overflows fails in
// tests as it would in production: block count, text lengths, fields per section, unique block ids, action ids
// unique within their block.
type Json = Record<string, unknown>;

const text = (o: unknown): string =>
  o && typeof o === 'object' && typeof (o as Json).text === 'string' ? ((o as Json).text as string) : '';

export function blockProblems(blocks: unknown, maxBlocks: number): string[] {
  if (!Array.isArray(blocks)) return ['blocks must be an array'];
  const problems: string[] = [];
  if (blocks.length > maxBlocks) problems.push(`more than ${maxBlocks} blocks`);
  const blockIds = new Set<string>();
  blocks.forEach((raw, i) => {
    const b = raw as Json;
    if (typeof b.block_id === 'string') {
      if (blockIds.has(b.block_id)) problems.push(`block ${i}: duplicate block_id ${b.block_id}`);
      blockIds.add(b.block_id);
    }
    if (b.type === 'header' && text(b.text).length > 150) problems.push(`block ${i}: header over 150`);
    if (b.type === 'section') {
      if (text(b.text).length > 3000) problems.push(`block ${i}: section text over 3000`);
      const fields = Array.isArray(b.fields) ? b.fields : [];
      if (fields.length > 10) problems.push(`block ${i}: more than 10 fields`);
      if (fields.some((f) => text(f).length > 2000)) problems.push(`block ${i}: field over 2000`);
      if (!b.text && fields.length === 0) problems.push(`block ${i}: section without text or fields`);
    }
    if (b.type === 'context' && (!Array.isArray(b.elements) || b.elements.length > 10))
      problems.push(`block ${i}: context elements`);
    if (b.type === 'actions') {
      const elements = Array.isArray(b.elements) ? (b.elements as Json[]) : [];
      const actionIds = new Set<string>();
      if (elements.length === 0 || elements.length > 25) problems.push(`block ${i}: actions elements`);
      for (const e of elements) {
        const id = String(e.action_id ?? '');
        if (id.length > 255) problems.push(`block ${i}: action_id over 255`);
        if (id && actionIds.has(id)) problems.push(`block ${i}: duplicate action_id ${id}`);
        actionIds.add(id);
        if (text(e.text).length > 75) problems.push(`block ${i}: button text over 75`);
      }
    }
  });
  return problems;
}
