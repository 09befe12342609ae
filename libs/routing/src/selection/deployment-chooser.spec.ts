import type { DeploymentConfig } from '@verosek/config';
import { DeploymentChooser } from './deployment-chooser';
import { InFlightCounter } from './in-flight-counter';
import { LatencyTracker } from './latency-tracker';
import { pickWeighted } from './weighted-pick';

function d(id: string, weight = 1): DeploymentConfig {
  return {
    id,
    provider: 'openai',
    model: id,
    apiBase: 'http://127.0.0.1:9/v1',
    weight,
    priority: 0,
    headers: {},
  };
}

describe('pickWeighted', () => {
  const [a, b, c] = [d('a', 1), d('b', 2), d('c', 1)];

  it('maps the random number onto cumulative weights', () => {
    expect(pickWeighted([a, b, c], () => 0)).toBe(a);
    expect(pickWeighted([a, b, c], () => 0.2499)).toBe(a);
    expect(pickWeighted([a, b, c], () => 0.25)).toBe(b);
    expect(pickWeighted([a, b, c], () => 0.7499)).toBe(b);
    expect(pickWeighted([a, b, c], () => 0.75)).toBe(c);
    expect(pickWeighted([a, b, c], () => 0.999999)).toBe(c);
  });

  it('never picks a weight-0 deployment while another has weight', () => {
    const zero = d('zero', 0);
    for (const r of [0, 0.5, 0.999999]) expect(pickWeighted([zero, a], () => r)).toBe(a);
  });

  it('picks uniformly when every weight is 0', () => {
    const [x, y] = [d('x', 0), d('y', 0)];
    expect(pickWeighted([x, y], () => 0.2)).toBe(x);
    expect(pickWeighted([x, y], () => 0.7)).toBe(y);
  });

  it('refuses an empty candidate list', () => {
    expect(() => pickWeighted([], () => 0)).toThrow('at least one candidate');
  });
});

describe('DeploymentChooser', () => {
  const [a, b] = [d('a', 9), d('b', 1)];

  it('least-busy takes the deployment with the fewest calls in flight, whatever the weights', () => {
    const inFlight = new InFlightCounter();
    const chooser = new DeploymentChooser(inFlight, new LatencyTracker(), () => 0);
    expect(chooser.choose('least-busy', [a, b])).toBe(a);
    inFlight.start('a');
    expect(chooser.choose('least-busy', [a, b])).toBe(b);
    inFlight.start('b');
    inFlight.start('b');
    expect(chooser.choose('least-busy', [a, b])).toBe(a);
    inFlight.finish('b');
    inFlight.finish('b');
    expect(inFlight.count('b')).toBe(0);
  });

  it('lowest-latency measures every deployment first, then takes the fastest average', () => {
    const latency = new LatencyTracker(0.5);
    const chooser = new DeploymentChooser(new InFlightCounter(), latency, () => 0);
    latency.observe('a', 100);
    expect(chooser.choose('lowest-latency', [a, b])).toBe(b);
    latency.observe('b', 300);
    expect(chooser.choose('lowest-latency', [a, b])).toBe(a);
    latency.observe('a', 700); // average 400
    expect(latency.average('a')).toBe(400);
    expect(chooser.choose('lowest-latency', [a, b])).toBe(b);
  });
});
