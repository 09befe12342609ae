import { AnswerBook } from './answer-book';

describe('AnswerBook', () => {
  it('gives fault plans first, then scripted answers in order, then nothing', () => {
    const book = new AnswerBook();
    book.script({ text: 'a' }, { text: 'b' });
    book.failNext(2, { error: { status: 503 } });
    expect(book.next('m')).toEqual({ error: { status: 503 } });
    expect(book.next('m')).toEqual({ error: { status: 503 } });
    expect(book.next('m')).toEqual({ text: 'a' });
    expect(book.next('m')).toEqual({ text: 'b' });
    expect(book.next('m')).toBeUndefined();
  });

  it('keeps an answer scripted for a model until that model is called', () => {
    const book = new AnswerBook();
    book.script({ model: 'big', text: 'big' }, { text: 'any' });
    expect(book.next('small')).toEqual({ text: 'any' });
    expect(book.next('small')).toBeUndefined();
    expect(book.next('big')).toEqual({ model: 'big', text: 'big' });
  });

  it('fails the same calls for the same seed, about as often as asked', () => {
    const run = (seed: number) => {
      const book = new AnswerBook();
      book.setFailRate(0.3, { error: { status: 429 } }, seed);
      return Array.from({ length: 1000 }, () => (book.next('m') ? 1 : 0));
    };
    expect(run(7)).toEqual(run(7));
    expect(run(7)).not.toEqual(run(8));
    const failures = run(7).reduce<number>((a, b) => a + b, 0);
    expect(failures).toBeGreaterThan(240);
    expect(failures).toBeLessThan(360);
  });

  it('rejects self-contradicting scripts, naming the field', () => {
    const book = new AnswerBook();
    expect(() => book.script({ text: 'abc', chunks: ['a', 'b'] })).toThrow(/chunks/);
    expect(() => book.script({ error: { status: 200 } })).toThrow(/error.status/);
    expect(() => book.script({ toolCalls: [{ name: '', arguments: {} }] })).toThrow(/toolCalls\[0\].name/);
    expect(() => book.failNext(0, { fault: 'reset' })).toThrow(/count/);
    expect(() => book.setFailRate(2)).toThrow(/rate/);
  });

  it('forgets everything on reset', () => {
    const book = new AnswerBook();
    book.script({ text: 'a' });
    book.failNext(1, { fault: 'stall' });
    book.setFailRate(1);
    book.reset();
    expect(book.next('m')).toBeUndefined();
    expect(book.pending()).toBe(0);
  });
});
