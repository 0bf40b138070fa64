// ESLint rule `pulse/sql-home`: reports SQL text (a string or template literal that reads as a statement or a
// clause of one) in a file that is not one of SQL's homes. Which files are homes is eslint.config.js's choice
// (the rule runs only where SQL may not live); core/db/README.md#where-sql-lives says why.

/** A literal that starts like one of these is a statement. */
const statements = [
  /^\(?\s*select\s+[\s\S]*?\bfrom\s+["\w(]/i,
  /^\(?\s*select\s+(\d|\$\d|[\w.]+\s*\(|exists\b|count\(|distinct\b)/i,
  /^with\s+(recursive\s+)?["\w]+\s*(\([^)]*\))?\s+as\s+(not\s+)?(materialized\s+)?\(/i,
  /^insert\s+into\s+["\w]/i,
  /^update\s+["\w.]+(\s+(as\s+)?\w+)?\s+set\s/i,
  /^delete\s+from\s+["\w]/i,
  /^(create|alter|drop)\s+(unique\s+|temp(orary)?\s+)?(table|index|database|schema|sequence|view|function|trigger|extension|type)\b/i,
  /^(truncate|analyze|vacuum|lock\s+table|copy)\s+["\w]/i,
  /^(begin|commit|rollback|start\s+transaction)(\s+(read\s+only|transaction|isolation\s+level\s+[\w ]+))?\s*;?$/i,
  /^set\s+(local\s+)?[\w.]+\s*(=|to)\s/i,
  /^(listen|notify|unlisten)\s+\w/i,
];

/** A literal holding two of these is a clause of a statement built elsewhere. */
const clauses = [
  /=\s*\$\d+/,
  /\$\d+::\w+/,
  /\bany\(\$\d+/i,
  /\w::(int|int4|int8|bigint|text|date|numeric|float8|timestamptz|jsonb?|interval|regclass)\b/i,
  /\bis\s+(not\s+)?null\b/i,
  /\bcoalesce\(/i,
  /\bwhere\s+[\w.]+\s*(=|<|>|is\b|in\b)/i,
  /\bon\s+conflict\b/i,
  /\bjoin\s+\w+\s+(as\s+)?\w+\s+on\b/i,
  /\border\s+by\s+[\w.]+/i,
  /\bgroup\s+by\s+[\w.]+/i,
  /\bcount\(\*\)/i,
];

/** Whether a literal's text reads as SQL (a template's expressions count as one identifier each). */
export function looksLikeSql(text) {
  const t = text.trim();
  // SQL keywords are written in lower or upper case; a capitalised first word is a sentence ("Select a channel").
  const sentence = /^\(?\s*[A-Z][a-z]/.test(t);
  if (!sentence && statements.some((re) => re.test(t))) return true;
  return clauses.filter((re) => re.test(t)).length >= 2;
}

const textOf = (node) =>
  node.type === 'TemplateLiteral' ? node.quasis.map((q) => q.value.cooked ?? q.value.raw).join('x') : node.value;

export const sqlHome = {
  meta: {
    type: 'problem',
    docs: { description: 'SQL lives in *.repository.ts files, core/db/, migrations and named SQL builders only' },
    messages: {
      misplaced:
        'SQL belongs in a repository (*.repository.ts), core/db/ or a named SQL builder (*-sql.ts, *.sql.ts): move this statement into the repository of its table and call it (core/db/README.md#where-sql-lives).',
    },
    schema: [],
  },
  create(context) {
    const check = (node) => {
      if (node.type === 'Literal' && typeof node.value !== 'string') return;
      // A template inside another template is checked as part of its parent.
      if (node.parent?.type === 'TemplateLiteral') return;
      if (node.parent?.type === 'TaggedTemplateExpression') return;
      if (looksLikeSql(textOf(node))) context.report({ node, messageId: 'misplaced' });
    };
    return { Literal: check, TemplateLiteral: check };
  },
};

export default { rules: { 'sql-home': sqlHome } };
