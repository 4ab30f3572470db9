import { percentDecode } from './percent-decode';

describe(percentDecode.name, () => {
  it('decodes FreeSWITCH escapes, UTF-8 included', () => {
    expect(percentDecode('1001%40default')).toBe('1001@default');
    expect(percentDecode('In%20a%20queue%20call')).toBe('In a queue call');
    expect(percentDecode('%E5%B8%82%E6%B0%91%E7%83%AD%E7%BA%BF')).toBe('市民热线');
  });

  it('keeps a plus sign as a plus (FreeSWITCH encodes spaces as %20)', () => {
    expect(percentDecode('+8613800000000')).toBe('+8613800000000');
  });

  it('keeps malformed escapes instead of throwing', () => {
    expect(percentDecode('100%')).toBe('100%');
    expect(percentDecode('a%ZZb%41')).toBe('a%ZZbA');
    expect(percentDecode('%E5%B8')).toBe('\uFFFD');
  });
});
