// What the leader acts on, flagged on the seat map and in the leader's table: a talk past the
// KPI's over-5-minute threshold and a pause past its kind's limit. Which limit an agent's state
// runs against is the server's (libs/kpi time-in-state-limits): each seat and row carries its
// `timeLimit`, and the board flags it the moment the PBX clock passes `overAfter`, between
// pushes too.

/** When the limited time started: the call's answer for a talk, the pause's start for a pause. */
export function limitStart(limit, since) {
  return limit ? limit.overAfter - limit.limitSeconds * 1000 : since;
}

/** Whether the limit (a seat's or row's timeLimit, null: none) is passed at `now` (PBX clock). */
export function isOver(limit, now) {
  return Boolean(limit) && now > limit.overAfter;
}

/** Notes an element's limit (a seat cell or a table row) for flagTimeLimit. */
export function markTimeLimit(node, limit) {
  if (limit) {
    node.dataset.overAfter = String(limit.overAfter);
    node.dataset.limitKind = limit.kind;
  } else {
    delete node.dataset.overAfter;
    delete node.dataset.limitKind;
  }
}

/** Flags the element (class over-limit, data-flag = the limit's kind) once `now` is past it. */
export function flagTimeLimit(node, now) {
  const over =
    node.dataset.overAfter !== undefined &&
    isOver({ overAfter: Number(node.dataset.overAfter) }, now);
  node.classList.toggle('over-limit', over);
  if (over) node.dataset.flag = node.dataset.limitKind;
  else delete node.dataset.flag;
  return over;
}

/** "通话超5分钟" / "小休超10分钟": what the flag means, for a title or a legend. */
export function limitText(t, limit) {
  const n = Math.round((limit.limitSeconds / 60) * 10) / 10;
  return limit.kind === 'long-talk'
    ? t('flag_long_talk', { n })
    : t('flag_long_pause', { kind: t(`pause_${limit.pauseKind}`), n });
}
