/**
 * What a pause is called on a board: its configured kind (agents.pauseReasons) in the board's
 * language. A reason the config does not name is shown as the PBX wrote it, except in Latin
 * letters on the Chinese board, where it reads 暂停 (the PBX's word is in the tooltip).
 */
export function pauseText(t, lang, pauseKind, pauseReason) {
  if (pauseKind && pauseKind !== 'after-call-work') return t(`pause_${pauseKind}`);
  if (pauseKind === 'after-call-work') return t('wrap-up');
  if (!pauseReason) return t('paused');
  return shownInLanguage(lang, pauseReason) ?? t('pause_other');
}

/** Free text from the PBX (a pause or link reason) if the board's language can show it. */
export function shownInLanguage(lang, text) {
  if (!text) return undefined;
  return lang === 'en' || !/[A-Za-z]/.test(text) ? text : undefined;
}
