// The 纪要's paragraph for the consent list (一揽子研判): the items the meeting confirmed together,
// each keeping its level. Called once from shared/minutes.ts's draft.

export interface ConsentMinutesItem {
  riskCode: string;
  riskTitle: string;
}

/** "以下N件事项维持原等级：A、B。" — empty when the meeting confirmed no consent list. */
export function consentParagraph(items: ConsentMinutesItem[]): string {
  if (items.length === 0) return '';
  return `以下${items.length}件事项维持原等级：${items.map((i) => `${i.riskCode} ${i.riskTitle}`).join('；')}。`;
}
