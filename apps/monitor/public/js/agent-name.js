import { el } from './format.js';

/**
 * The leader table's agent cell: the name (config `seats`) with the staff number and the PBX's
 * id beside it, or the id alone (without its channel technology, PJSIP/8001 → 8001; the whole
 * id on hover) when the agent has no name configured.
 */
export function agentNameCell(a) {
  const td = el('td', 'agent-name');
  td.dataset.agent = a.agent;
  td.title = a.agent;
  if (!a.name) {
    td.textContent = a.agent.replace(/^[A-Za-z]+\//, '');
    return td;
  }
  td.append(el('span', 'name', a.name));
  td.append(el('span', 'agent-id', [a.staffNo, a.agent].filter(Boolean).join(' · ')));
  return td;
}
