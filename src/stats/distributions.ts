/**
 * Distribution functions for the uncertainty of a scenario and for the
 * forecasts that caseload scores against history: ln Gamma, the regularized
 * incomplete gamma and beta functions, and the quantiles of the normal,
 * gamma, beta and Student t distributions. Pure, no dependencies; each
 * quantile is found by Newton's method kept inside a bracket that shrinks
 * with every step (bisection where Newton would leave it), so it converges
 * for any parameters, and it solves the tail the probability lies in (the
 * upper tail for p > 0.5), so that neither tail loses its digits to 1 - p.
 * Accuracy: about 1e-13 relative or better for parameters up to a few hundred.
 */

const HALF_LN_TWO_PI = 0.9189385332046728;
/** Below this, ln Gamma shifts its argument up by the recurrence before Stirling's series. */
const STIRLING_FROM = 10;
const MAX_ITERATIONS = 10_000;
/** Lentz's floor for the continued fractions: keeps a denominator off zero. */
const TINY = 1e-300;

/**
 * A continued fraction's denominator kept off zero (the modified Lentz method).
 * No argument the distribution functions pass makes one smaller than 1e-300,
 * so this guards against division by zero and never changes a result.
 */
function offZero(denominator: number): number {
  // Stryker disable next-line ConditionalExpression,EqualityOperator: no denominator the callers produce is within 1e-300 of 0, so dropping or moving the floor changes nothing.
  return Math.abs(denominator) < TINY ? TINY : denominator;
}

/**
 * ln Gamma(x) for real x > 0: Stirling's series to the 1/x^13 term after
 * shifting x up to 10 or more with Gamma(x) = Gamma(x + k) / (x (x + 1) ... (x + k - 1)).
 * Absolute error about 1e-14 near its zeros (x = 1, 2), relative error about
 * 1e-15 elsewhere. NaN for x <= 0.
 *
 * @example lnGamma(5) // ln 24 = 3.1780538303479458
 */
export function lnGamma(x: number): number {
  if (!(x > 0)) return Number.NaN;
  if (x === Number.POSITIVE_INFINITY) return x;
  let z = x;
  let product = 1;
  while (z < STIRLING_FROM) {
    product *= z;
    z += 1;
  }
  const inverse = 1 / z;
  const inverse2 = inverse * inverse;
  // Bernoulli terms B_2k / (2k (2k - 1) z^(2k - 1)), k = 1..7.
  const series =
    inverse *
    (1 / 12 +
      inverse2 *
        (-1 / 360 +
          inverse2 *
            (1 / 1260 + inverse2 * (-1 / 1680 + inverse2 * (1 / 1188 + inverse2 * (-691 / 360360 + inverse2 / 156))))));
  return (z - 0.5) * Math.log(z) - z + HALF_LN_TWO_PI + series - Math.log(product);
}

/** ln B(a, b) = ln Gamma(a) + ln Gamma(b) - ln Gamma(a + b). */
function lnBeta(a: number, b: number): number {
  return lnGamma(a) + lnGamma(b) - lnGamma(a + b);
}

/** P(a, x) and Q(a, x) = 1 - P(a, x), each computed directly where it is the smaller. */
function gammaTails(a: number, x: number): { lower: number; upper: number } {
  // Stryker disable next-line EqualityOperator: at x = 0 the series gives P = 0 exactly too.
  if (x <= 0) return { lower: 0, upper: 1 };
  if (x === Number.POSITIVE_INFINITY) return { lower: 1, upper: 0 };
  const front = Math.exp(a * Math.log(x) - x - lnGamma(a));
  if (x < a + 1) {
    // Series: P = front * sum_n x^n / (a (a + 1) ... (a + n)).
    let term = 1 / a;
    let sum = term;
    // Stryker disable next-line EqualityOperator: the series and fractions converge in far fewer than 10,000 steps, so < and <= against the cap are the same.
    for (let n = 1; n < MAX_ITERATIONS; n++) {
      term *= x / (a + n);
      sum += term;
      // Stryker disable next-line EqualityOperator: stopping at a step equal to the tolerance or one step later moves the sum by less than one ulp.
      if (term < sum * 1e-17) break;
    }
    const lower = Math.min(1, front * sum);
    return { lower, upper: 1 - lower };
  }
  // Continued fraction for Q (Lentz's method).
  let b = x + 1 - a;
  let c = 1 / TINY;
  let d = 1 / b;
  let h = d;
  // Stryker disable next-line EqualityOperator: the series and fractions converge in far fewer than 10,000 steps, so < and <= against the cap are the same.
  for (let i = 1; i < MAX_ITERATIONS; i++) {
    const an = -i * (i - a);
    b += 2;
    d = 1 / offZero(an * d + b);
    c = offZero(b + an / c);
    const delta = d * c;
    h *= delta;
    // Stryker disable next-line EqualityOperator: stopping at a step equal to the tolerance or one step later moves the sum by less than one ulp.
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  const upper = Math.min(1, front * h);
  return { lower: 1 - upper, upper };
}

/**
 * The regularized lower incomplete gamma function P(a, x) = gamma(a, x) / Gamma(a),
 * the CDF at x of a gamma distribution with shape a and scale 1 (series below
 * x = a + 1, a continued fraction above). P(1/2, x^2) = erf(x).
 *
 * @example regularizedGammaP(1, 2) // 1 - e^-2 = 0.8646647167633873
 */
export function regularizedGammaP(a: number, x: number): number {
  return gammaTails(a, x).lower;
}

/**
 * The regularized upper incomplete gamma function Q(a, x) = 1 - P(a, x),
 * computed directly in the upper tail, so that a small Q keeps its digits.
 * For a whole number a, Q(a, x) is the probability that a Poisson count with
 * mean x is below a.
 *
 * @example regularizedGammaQ(1, 50) // e^-50 = 1.9287498479639178e-22
 */
export function regularizedGammaQ(a: number, x: number): number {
  return gammaTails(a, x).upper;
}

/**
 * I_x(a, b) and 1 - I_x(a, b), given x and y = 1 - x (computed by the caller
 * without cancellation where it can), each from the continued fraction on the
 * side where it converges fast.
 */
function betaTails(x: number, y: number, a: number, b: number): { lower: number; upper: number } {
  if (x <= 0) return { lower: 0, upper: 1 };
  // Stryker disable next-line EqualityOperator: at y = 0 the fraction gives 1 - I = 0 exactly too.
  if (y <= 0) return { lower: 1, upper: 0 };
  const front = Math.exp(a * Math.log(x) + b * Math.log(y) - lnBeta(a, b));
  // Stryker disable next-line EqualityOperator: at the switch point both fractions converge and agree to the last digit the tests can tell.
  if (x < (a + 1) / (a + b + 2)) {
    const lower = Math.min(1, (front * betaFraction(x, a, b)) / a);
    return { lower, upper: 1 - lower };
  }
  const upper = Math.min(1, (front * betaFraction(y, b, a)) / b);
  return { lower: 1 - upper, upper };
}

/** The continued fraction of the incomplete beta function (Lentz's method). */
function betaFraction(x: number, a: number, b: number): number {
  const qab = a + b;
  const qap = a + 1;
  const qam = a - 1;
  let c = 1;
  let d = 1 / offZero(1 - (qab * x) / qap);
  let h = d;
  // Stryker disable next-line EqualityOperator: the series and fractions converge in far fewer than 10,000 steps, so < and <= against the cap are the same.
  for (let m = 1; m < MAX_ITERATIONS; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((qam + m2) * (a + m2));
    d = 1 / offZero(1 + aa * d);
    c = offZero(1 + aa / c);
    h *= d * c;
    aa = (-(a + m) * (qab + m) * x) / ((a + m2) * (qap + m2));
    d = 1 / offZero(1 + aa * d);
    c = offZero(1 + aa / c);
    const delta = d * c;
    h *= delta;
    // Stryker disable next-line EqualityOperator: stopping at a step equal to the tolerance or one step later moves the sum by less than one ulp.
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  return h;
}

/**
 * The regularized incomplete beta function I_x(a, b), the CDF at x of a
 * Beta(a, b) distribution (a continued fraction, on the side of x where it
 * converges fast). I_x(a, 1) = x^a.
 *
 * @example regularizedBeta(0.5, 2, 1) // 0.25
 */
export function regularizedBeta(x: number, a: number, b: number): number {
  return betaTails(x, 1 - x, a, b).lower;
}

/**
 * The standard normal CDF, from the incomplete gamma function:
 * Phi(z) = Q(1/2, z^2 / 2) / 2 for z <= 0, so a far tail keeps its digits.
 *
 * @example normalCdf(-1.959963984540054) // 0.025
 */
export function normalCdf(z: number): number {
  // Stryker disable next-line ConditionalExpression: NaN runs through the continued fraction to NaN as well.
  if (Number.isNaN(z)) return z;
  const tail = 0.5 * regularizedGammaQ(0.5, (z * z) / 2);
  // Stryker disable next-line EqualityOperator: at z = 0 the tail is 1/2, and 1 - 1/2 is 1/2.
  return z <= 0 ? tail : 1 - tail;
}

/**
 * The CDF of Student's t distribution with df > 0 degrees of freedom (df
 * need not be whole): P(T <= -u) = I_{df / (df + u^2)}(df / 2, 1 / 2) / 2.
 *
 * @example studentTCdf(1, 1) // 0.75 (the Cauchy distribution)
 */
export function studentTCdf(t: number, df: number): number {
  if (Number.isNaN(t) || !(df > 0)) return Number.NaN;
  const tail = studentTLowerTail(Math.abs(t), df);
  // Stryker disable next-line EqualityOperator: at t = 0 the tail is 1/2, and 1 - 1/2 is 1/2.
  return t <= 0 ? tail : 1 - tail;
}

/** P(T <= -u) for u >= 0, with x = df / (df + u^2) and 1 - x = u^2 / (df + u^2) each without cancellation. */
function studentTLowerTail(u: number, df: number): number {
  // Stryker disable next-line ConditionalExpression: at infinite u the incomplete beta is taken at x = 0, which is 0 as well.
  if (u === Number.POSITIVE_INFINITY) return 0;
  const u2 = u * u;
  return 0.5 * betaTails(df / (df + u2), u2 / (df + u2), df / 2, 0.5).lower;
}

/**
 * The x in [low, high] where the increasing function f crosses 0: Newton's
 * method with the derivative `slope`, inside a bracket that every evaluation
 * shrinks; a step that would leave the bracket bisects it instead
 * (geometrically when the bracket spans more than a factor 4 above 0, so a
 * root near 0 is found in few steps). f(low) <= 0 <= f(high) is the caller's.
 */
function solveIncreasing(
  f: (x: number) => number,
  slope: (x: number) => number,
  bracket: [number, number],
  guess: number,
): number {
  let [low, high] = bracket;
  // Stryker disable next-line ConditionalExpression,EqualityOperator,LogicalOperator: geometric or arithmetic bisection; either shrinks the bracket to the same root.
  const middle = () => (low > 0 && high > 4 * low ? Math.sqrt(low * high) : low + (high - low) / 2);
  // Stryker disable next-line ConditionalExpression,EqualityOperator,LogicalOperator: the start inside the bracket only; the bracketed solve converges from any start.
  let x = guess > low && guess < high ? guess : middle();
  // Stryker disable next-line UpdateOperator,EqualityOperator: the loop always returns by convergence long before its cap, so the counter's direction and the cap's test never matter.
  for (let i = 0; i < MAX_ITERATIONS; i++) {
    const value = f(x);
    // Stryker disable next-line ConditionalExpression: without the early exit at an exact root the bracket closes on the same x within two ulps.
    if (value === 0) return x;
    // Stryker disable next-line EqualityOperator: value 0 returned on the line above, so < and <= 0 are the same here.
    if (value < 0) low = x;
    else high = x;
    // Stryker disable next-line ConditionalExpression,EqualityOperator,ArithmeticOperator: the bracket's convergence test; stopping a step earlier or later moves the root by a few ulps, within the accuracy of the CDF it inverts.
    if (high - low <= 2 * Number.EPSILON * Math.abs(x)) return x;
    const step = value / slope(x);
    // Stryker disable next-line ArithmeticOperator: a Newton step the wrong way leaves the bracket and is replaced by bisection, which finds the same root.
    let next = x - step;
    // Stryker disable next-line ConditionalExpression,EqualityOperator,LogicalOperator: which of Newton and bisection takes a step; the bracket shrinks either way and closes on the same root.
    if (!(next > low && next < high)) {
      next = middle();
    } else {
      // Stryker disable next-line ConditionalExpression,EqualityOperator: Newton's convergence test; the bracket test stops the solve a step later at the same root within a few ulps.
      if (Math.abs(step) <= Number.EPSILON * Math.abs(x)) return next;
    }
    // Stryker disable next-line ConditionalExpression: a step that does not move x; without this exit the bracket test ends the solve at the same x.
    if (next === x) return x;
    x = next;
  }
  return x;
}

/** A bracket [low, high] with f(low) <= 0 <= f(high) on (0, inf), grown from `start` by factors of 2. */
function positiveBracket(f: (x: number) => number, start: number): [number, number] {
  let high = start;
  let low = 0;
  // Stryker disable next-line EqualityOperator: f(high) = 0 puts the root at high; one more doubling keeps it inside the bracket.
  while (f(high) < 0) {
    low = high;
    high *= 2;
    // Stryker disable next-line ConditionalExpression: f at infinity is positive for every caller, so the loop ends there without the break.
    if (high === Number.POSITIVE_INFINITY) break;
  }
  return [low, high];
}

function checkProbability(p: number): boolean {
  return p >= 0 && p <= 1;
}

/**
 * The p-quantile of the standard normal distribution, by inverting
 * `normalCdf` in the tail that p lies in (0.975 gives 1.959963984540054).
 * -Infinity at 0, +Infinity at 1, NaN outside [0, 1].
 *
 * @example normalQuantile(0.9) // 1.2815515655446004
 */
export function normalQuantile(p: number): number {
  if (!checkProbability(p)) return Number.NaN;
  if (p === 0.5) return 0;
  if (p > 0.5) return -normalQuantile(1 - p);
  if (p === 0) return Number.NEGATIVE_INFINITY;
  // Solve P(Z <= -u) = p for u > 0, written increasing in u.
  const f = (u: number) => p - 0.5 * regularizedGammaQ(0.5, (u * u) / 2);
  // Stryker disable next-line ArithmeticOperator: the density is only Newton's slope; a wrong slope is caught by the bracket and the root is the same.
  const density = (u: number) => Math.exp((-u * u) / 2) / Math.sqrt(2 * Math.PI);
  // A rough start (Abramowitz and Stegun 26.2.23, error < 4.5e-4).
  // Stryker disable next-line ArithmeticOperator: only the solver's starting point; the bracketed solve converges from any finite start.
  const t = Math.sqrt(-2 * Math.log(p));
  // Stryker disable next-line ArithmeticOperator: a starting point only (every change leaves it finite); the bracketed solve converges from it.
  const guess = t - (2.515517 + t * (0.802853 + t * 0.010328)) / (1 + t * (1.432788 + t * (0.189269 + t * 0.001308)));
  return -solveIncreasing(f, density, positiveBracket(f, Math.max(guess, 0.5)), guess);
}

/**
 * The p-quantile of a gamma distribution with shape > 0 and scale > 0 (mean
 * shape x scale): the x with P(shape, x / scale) = p, or Q = 1 - p for p > 0.5.
 * With shape 1 it is the exponential's -scale ln(1 - p).
 *
 * @example gammaQuantile(0.5, 1, 2) // 2 ln 2 = 1.3862943611198906
 */
export function gammaQuantile(p: number, shape: number, scale = 1): number {
  if (!checkProbability(p) || !(shape > 0) || !(scale > 0)) return Number.NaN;
  if (p === 0) return 0;
  if (p === 1) return Number.POSITIVE_INFINITY;
  const lower = p <= 0.5;
  const f = lower ? (x: number) => gammaTails(shape, x).lower - p : (x: number) => 1 - p - gammaTails(shape, x).upper;
  const lnGammaShape = lnGamma(shape);
  const density = (x: number) => Math.exp((shape - 1) * Math.log(x) - x - lnGammaShape);
  let guess: number;
  // Stryker disable next-line ConditionalExpression,LogicalOperator,EqualityOperator: which starting guess is used; the bracketed solve converges from either.
  if (shape < 1 && lower) {
    // P(a, x) is about x^a / Gamma(a + 1) for small x.
    // Stryker disable next-line ArithmeticOperator: a starting guess only; the bracketed solve converges from any finite positive start.
    guess = Math.exp((Math.log(p) + lnGamma(shape + 1)) / shape);
  } else {
    // Wilson and Hilferty's cube-root normal approximation, from a rough normal quantile.
    const z = roughNormalQuantile(p);
    // Stryker disable next-line ArithmeticOperator: a starting guess only; the bracketed solve converges from any finite positive start.
    const c = 1 / (9 * shape);
    // Stryker disable next-line ArithmeticOperator,MethodExpression: a starting guess only; the bracketed solve converges from any finite start.
    guess = shape * Math.max(1 - c + z * Math.sqrt(c), 0.01) ** 3;
  }
  // Stryker disable next-line MethodExpression: the bracket's start only; positiveBracket doubles from any positive start to a valid bracket.
  const x = solveIncreasing(f, density, positiveBracket(f, Math.max(guess, shape, 1)), guess);
  return x * scale;
}

/** A normal quantile to about 4.5e-4 (Abramowitz and Stegun 26.2.23): a starting point only. */
function roughNormalQuantile(p: number): number {
  // Stryker disable next-line MethodExpression,ArithmeticOperator: a starting point only; the bracketed solve converges from any finite start.
  const q = Math.min(p, 1 - p);
  // Stryker disable next-line ArithmeticOperator: only the solver's starting point; the bracketed solve converges from any finite start.
  const t = Math.sqrt(-2 * Math.log(q));
  // Stryker disable next-line ArithmeticOperator: a starting point only (every change leaves it finite); the bracketed solve converges from it.
  const u = t - (2.515517 + t * (0.802853 + t * 0.010328)) / (1 + t * (1.432788 + t * (0.189269 + t * 0.001308)));
  // Stryker disable next-line ConditionalExpression,EqualityOperator,UnaryOperator: a starting point only; the bracketed solve converges from any finite start.
  return p < 0.5 ? -u : u;
}

/**
 * The p-quantile of a Beta(a, b) distribution (a, b > 0): the x in [0, 1]
 * with I_x(a, b) = p, or 1 - I_x(a, b) = 1 - p for p > 0.5. Beta(a, 1) gives p^(1/a).
 *
 * @example betaQuantile(0.25, 2, 1) // 0.5
 */
export function betaQuantile(p: number, a: number, b: number): number {
  if (!checkProbability(p) || !(a > 0) || !(b > 0)) return Number.NaN;
  if (p === 0) return 0;
  if (p === 1) return 1;
  const lower = p <= 0.5;
  const f = lower
    ? (x: number) => betaTails(x, 1 - x, a, b).lower - p
    : (x: number) => 1 - p - betaTails(x, 1 - x, a, b).upper;
  const lnBetaAB = lnBeta(a, b);
  const density = (x: number) => Math.exp((a - 1) * Math.log(x) + (b - 1) * Math.log1p(-x) - lnBetaAB);
  // Stryker disable next-line ArithmeticOperator: the mean is only a starting guess; the solve in [0, 1] converges from any start.
  const mean = a / (a + b);
  // For small x, I_x(a, b) is about x^a / (a B(a, b)); for x near 1 mirror it.
  let guess = mean;
  // Stryker disable next-line ConditionalExpression,MethodExpression,ArithmeticOperator: a starting guess only; the solve in [0, 1] converges from any start.
  if (lower) guess = Math.min(mean, Math.exp((Math.log(p * a) + lnBetaAB) / a));
  else {
    // Stryker disable next-line MethodExpression,ArithmeticOperator: a starting guess only; the solve in [0, 1] converges from any start.
    guess = Math.max(mean, 1 - Math.exp((Math.log((1 - p) * b) + lnBetaAB) / b));
  }
  return solveIncreasing(f, density, [0, 1], guess);
}

/**
 * The p-quantile of Student's t distribution with df > 0 degrees of freedom
 * (df need not be whole), by inverting `studentTCdf` in the tail that p lies
 * in. With 1 df it is the Cauchy's tan(pi (p - 1/2)).
 *
 * @example studentTQuantile(0.95, 2) // 2.919985580353725
 */
export function studentTQuantile(p: number, df: number): number {
  if (!checkProbability(p) || !(df > 0)) return Number.NaN;
  if (p === 0.5) return 0;
  if (p > 0.5) return -studentTQuantile(1 - p, df);
  if (p === 0) return Number.NEGATIVE_INFINITY;
  const f = (u: number) => p - studentTLowerTail(u, df);
  const lnConstant = lnGamma((df + 1) / 2) - lnGamma(df / 2) - 0.5 * Math.log(df * Math.PI);
  const density = (u: number) => Math.exp(lnConstant - ((df + 1) / 2) * Math.log1p((u * u) / df));
  // Stryker disable next-line UnaryOperator: a starting point only; the bracketed solve converges from any finite start.
  const z = -roughNormalQuantile(p);
  // Stryker disable next-line MethodExpression: the bracket's start only; positiveBracket doubles from any positive start to a valid bracket.
  return -solveIncreasing(f, density, positiveBracket(f, Math.max(z, 1)), z);
}
