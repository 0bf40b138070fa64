// What the fake OpenAI endpoint checks in a chat completions request, as the real API would refuse it: the
// model, a non-empty message list with known roles, every tool result answering a tool call made before it,
// and well-formed function tool definitions (JSON Schema object parameters).

export interface ChatMessage {
  role: string;
  content?: unknown;
  tool_call_id?: string;
  tool_calls?: Array<{ id: string; type: string; function: { name: string; arguments: string } }>;
}

export interface ChatTool {
  type: string;
  function: {
    name: string;
    description?: string;
    parameters?: { type?: string; properties?: Record<string, unknown> };
  };
}

export interface ChatRequestBody {
  model: string;
  messages: ChatMessage[];
  tools?: ChatTool[];
  tool_choice?: unknown;
}

const roles = new Set(['system', 'developer', 'user', 'assistant', 'tool']);

/** Null when the request is acceptable, else the reason it is refused. */
export function checkChatRequest(body: ChatRequestBody, model: string): string | null {
  if (body.model !== model) return `model ${JSON.stringify(body.model)} does not exist`;
  if (!Array.isArray(body.messages) || body.messages.length === 0) return "'messages' must be a non-empty array";
  const called = new Set<string>();
  for (const [i, m] of body.messages.entries()) {
    if (!roles.has(m.role)) return `messages[${i}].role ${JSON.stringify(m.role)} is not a valid role`;
    for (const c of m.tool_calls ?? []) {
      if (m.role !== 'assistant' || c.type !== 'function' || typeof c.function?.arguments !== 'string')
        return `messages[${i}].tool_calls is malformed`;
      called.add(c.id);
    }
    if (m.role === 'tool' && (typeof m.tool_call_id !== 'string' || !called.has(m.tool_call_id))) {
      return `messages[${i}] with role 'tool' must be a response to a preceding message with 'tool_calls'`;
    }
    if (m.role !== 'assistant' && typeof m.content !== 'string') return `messages[${i}].content must be a string`;
  }
  for (const [i, t] of (body.tools ?? []).entries()) {
    if (t.type !== 'function' || !/^[a-zA-Z0-9_-]{1,64}$/.test(t.function?.name ?? ''))
      return `tools[${i}] is not a valid function tool`;
    if (t.function.parameters?.type !== 'object') return `tools[${i}].function.parameters must be a JSON Schema object`;
  }
  return null;
}
