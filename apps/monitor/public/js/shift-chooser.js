// 本班次 when shifts overlap: the leader chooses which running shift the view follows. The
// choice is in the address (?shift=早班, to bookmark or share) and kept in this browser; without
// one the server takes the shift that started last (libs/kpi shift-choice).
import { clockText, el } from './format.js';

const STORAGE_KEY = 'hotline.leaderShift';

/** The chosen shift's name: the address's ?shift=, else the one kept here, else null. */
export function chosenShiftName() {
  return new URLSearchParams(location.search).get('shift') ?? localStorage.getItem(STORAGE_KEY);
}

/**
 * A select beside the 本班次 button, shown while more than one shift runs. `choose(name)`
 * resubscribes to period `shift` with that shift.
 */
export function shiftChooser({ t, state, lang, choose }) {
  const label = el('label', 'shift-choice');
  label.hidden = true;
  const select = el('select');
  select.id = 'shift-choice';
  label.append(el('span', '', t('shiftChoice')), select);
  const anchor = document.querySelector('[data-period="shift"]');
  if (anchor) anchor.after(label);

  select.addEventListener('change', () => {
    const name = select.value;
    localStorage.setItem(STORAGE_KEY, name);
    const url = new URL(location.href);
    url.searchParams.set('period', 'shift');
    url.searchParams.set('shift', name);
    history.replaceState(history.state, '', url);
    for (const b of document.querySelectorAll('[data-period]'))
      b.setAttribute('aria-pressed', String(b.dataset.period === 'shift'));
    choose(name);
  });

  /** Lists the running shifts (kpis.shifts); selects the one the figures are for. */
  function render() {
    const k = state.sections.kpis;
    const shifts = k?.shifts ?? [];
    label.hidden = shifts.length < 2;
    const time = (ms) => clockText(new Date(ms), state.timeZone, lang, false);
    const key = JSON.stringify(shifts.map((s) => [s.name, s.from]));
    if (select.dataset.options !== key) {
      select.dataset.options = key;
      select.replaceChildren(
        ...shifts.map((s) => {
          const option = el('option', '', `${s.name} ${time(s.from)}–${time(s.to)}`);
          option.value = s.name;
          return option;
        }),
      );
    }
    const shown = k?.period.startsWith('shift:') ? k.period.slice(6) : chosenShiftName();
    if (shifts.some((s) => s.name === shown)) select.value = shown;
  }

  return { render };
}
