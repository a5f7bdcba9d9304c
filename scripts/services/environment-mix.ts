// The mix of environment shapes the benchmarks and the reliability suite request: every other one
// a two-group service stack (1 or 2 app replicas and a database), the rest one-group dev boxes,
// so nothing is measured or proven on the simplest shape alone.
export type EnvironmentShape = { template: string; parameters: Record<string, unknown>; expected: Record<string, number> };

export function mixedShape(index: number): EnvironmentShape {
  if (index % 2 === 0) return { template: "web-dev", parameters: {}, expected: { web: 1 } };
  const replicas = 1 + ((index >> 1) % 2);
  return { template: "service-stack", parameters: { replicas }, expected: { app: replicas, db: 1 } };
}

/** A template name, or "mix" for mixedShape. */
export function shapeFor(template: string, index: number): EnvironmentShape {
  return template === "mix" ? mixedShape(index) : { template, parameters: {}, expected: {} };
}
