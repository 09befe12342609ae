import { scan } from '../src';
import { countBinary, precisionRecall } from '../src/eval/metrics';
import { parseMarkedText } from '../src/eval/span-corpus';
import { countSpans } from '../src/eval/span-eval';

describe('labeled set markup', () => {
  it('turns inline marks into a clean text and spans', () => {
    expect(parseMarkedText('Mail {{EMAIL|a@b.co}} or call {{PHONE|212-555-0143}}.', 't:1')).toEqual({
      text: 'Mail a@b.co or call 212-555-0143.',
      spans: [
        { type: 'EMAIL', start: 5, end: 11 },
        { type: 'PHONE', start: 20, end: 32 },
      ],
    });
  });

  it('rejects an unknown type, naming the line', () => {
    expect(() => parseMarkedText('{{EMAILS|a@b.co}}', 'data.jsonl:7')).toThrow(
      'data.jsonl:7: unknown entity type EMAILS',
    );
  });
});

describe('span metrics', () => {
  it('counts found, missed and wrongly found spans per type', () => {
    const examples = [
      {
        ...parseMarkedText('mail {{EMAIL|a@b.co}} card {{CREDIT_CARD|4111 1111 1111 1112}}', 'x'),
        source: 'x',
      },
      { ...parseMarkedText('order 123, ip 10.0.0.1', 'y'), source: 'y' },
    ];
    const counts = countSpans(examples, (t) => scan(t));
    expect(counts.get('EMAIL')).toEqual({ tp: 1, fp: 0, fn: 0 });
    expect(counts.get('CREDIT_CARD')).toEqual({ tp: 0, fp: 0, fn: 1 });
    expect(counts.get('IP_ADDRESS')).toEqual({ tp: 0, fp: 1, fn: 0 });
  });

  it('computes precision and recall, and binary counts at a threshold', () => {
    expect(precisionRecall({ tp: 3, fp: 1, fn: 2 })).toEqual({ precision: 0.75, recall: 0.6, support: 5 });
    expect(precisionRecall({ tp: 0, fp: 0, fn: 0 })).toEqual({ precision: 1, recall: 1, support: 0 });
    expect(countBinary([0.9, 0.6, 0.2, 0.4], [1, 0, 1, 0], 0.5)).toEqual({ tp: 1, fp: 1, fn: 1 });
  });
});
