"""Exact and fast draws of the small counts a day is made of.

numpy's binomial sampler costs 40-140 ns a draw. Most of a day's draws are counts with a
small mean (an engagement, a share), halves (a community post names the brand with chance
1/2) or thinnings of a crowded feed, for which cheaper exact methods exist. Every method
samples the same law; which one a draw uses depends on its parameters, never on chance.
"""

from __future__ import annotations

import numpy as np

# Up to this mean, inverting the law from one uniform takes a few steps per draw (most stop
# at 0), over a set of draws that shrinks at every step: cheaper than numpy's sampler.
INVERSION_MEAN = 8.0
# numpy draws by inversion (cost ~ the mean) up to this mean and by BTPE (flat cost) above.
BTPE_MEAN = 30.0
HALVES_MAX = 63  # fair bits available in one 64-bit word
POISSON_INVERSION_RATE = 0.5  # Poisson draws by inversion up to this rate
HYPERGEOMETRIC_INVERSION_GOOD = 16  # hypergeometric draws by inversion up to this many good
HYPERGEOMETRIC_MAX = 1_000_000_000  # numpy's hypergeometric sampler: good and bad below this


def binomial(n: np.ndarray, p: np.ndarray | float, rng: np.random.Generator) -> np.ndarray:
    """Binomial(n, p) draws for counts n >= 0 (float64 array of the shape of ``n``)."""
    n = np.asarray(n)
    if n.dtype.kind != "f":
        n = n.astype(np.float64)
    if np.ndim(p) == 0:  # one chance for every draw: the whole array may take one route
        p = float(p)
        if p >= 1.0 or p <= 0.0:
            return n.astype(np.float64) if p >= 1.0 else np.zeros(n.shape)
        if p == 0.5 and n.size and n.max() <= HALVES_MAX:
            return halves(n, rng)
    p = np.clip(np.broadcast_to(np.asarray(p, dtype=np.float64), n.shape), 0.0, 1.0)
    if n.size == 0:
        return np.zeros(0)
    largest_p = p.max()
    # Engagements and shares: every mean small (bounded first, which is cheaper).
    if largest_p < 1.0 and (
        n.max() * largest_p <= INVERSION_MEAN or (n * p).max() <= INVERSION_MEAN
    ):
        return by_inversion(n, p, rng)
    mean = n * p
    draws = np.zeros(n.size)
    sure = p >= 1.0
    draws[sure] = n[sure]
    routes = (
        (mean <= INVERSION_MEAN) & (p > 0.0),
        (p == 0.5) & (n <= HALVES_MAX),
        (p < 0.5) & (mean > BTPE_MEAN / 2) & (mean <= BTPE_MEAN),
    )
    samplers = (by_inversion, lambda n, p, rng: halves(n, rng), by_halving)
    rest = (p > 0.0) & ~sure
    for route, sampler in zip(routes, samplers, strict=True):
        route &= rest
        if route.any():
            draws[route] = sampler(n[route], p[route], rng)
            rest &= ~route
    if rest.any():
        draws[rest] = rng.binomial(n[rest].astype(np.int64), p[rest])
    return draws


def by_inversion(n: np.ndarray, p: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """Binomial draws by inverting the distribution function at one uniform each (p < 1).

    X is the first k with u <= P(X <= k): the uniform is spent down by P(0), P(1), ... and
    only the draws still going are carried to the next k.
    """
    u = rng.random(n.size)
    pmf = np.power(1.0 - p, n)  # P(0)
    x = np.zeros(n.size)
    going = np.flatnonzero(u > pmf)  # most draws stop at 0
    left, pmf, n, p = u[going] - pmf[going], pmf[going], n[going], p[going]
    ratio = p / (1.0 - p)
    k = 0
    while going.size:
        k += 1
        pmf *= (n - (k - 1)) * (ratio / k)  # P(k) from P(k - 1)
        left -= pmf
        x[going] = k
        on = (left > 0.0) & (n > k)
        if not on.all():
            going, left, pmf, n, ratio = (a[on] for a in (going, left, pmf, n, ratio))
    return x


def halves(n: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """Binomial(n, 1/2) draws for n <= 63: the ones among n fair random bits."""
    bits = rng.integers(0, np.iinfo(np.uint64).max, size=n.size, dtype=np.uint64, endpoint=True)
    mask = (np.uint64(1) << n.astype(np.uint64)) - np.uint64(1)
    return np.bitwise_count(bits & mask).astype(np.float64)


def by_halving(n: np.ndarray, p: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """Binomial(n, p) as Binomial(Binomial(n, 2p), 1/2), for p < 1/2.

    Thinning by 2p then by 1/2 is thinning by p; the first draw has twice the mean, where
    numpy's sampler is cheaper, and the second costs one random word.
    """
    y = rng.binomial(n.astype(np.int64), 2.0 * p).astype(np.float64)
    x = np.empty(n.size)
    fits = y <= HALVES_MAX
    x[fits] = halves(y[fits], rng)
    x[~fits] = rng.binomial(y[~fits].astype(np.int64), 0.5)
    return x


def hypergeometric(
    good: np.ndarray, bad: np.ndarray, sample: np.ndarray, rng: np.random.Generator
) -> np.ndarray:
    """Hypergeometric draws (float64): good items among ``sample`` drawn without replacement
    from ``good`` + ``bad`` (whole-number arrays of one shape).

    A few good items among many (another kind's posts in a crowded feed): by inversion from
    one uniform, P(0) = prod_j (T - s - j) / (T - j) over the good items, then the ratio of
    successive probabilities; the rest by numpy's sampler.
    """
    good, bad, sample = (np.asarray(a, dtype=np.float64) for a in (good, bad, sample))
    draws = np.zeros(good.size)
    few = (good <= HYPERGEOMETRIC_INVERSION_GOOD) & (bad >= sample)
    # numpy's sampler takes fewer than 10^9 good and bad items; from more (a member shown a
    # community of a billion people's posts) a few draws without replacement are draws with
    # replacement to within sample / total.
    huge = ~few & ((good >= HYPERGEOMETRIC_MAX) | (bad >= HYPERGEOMETRIC_MAX))
    rest = np.flatnonzero(~few & ~huge)
    if rest.size:
        draws[rest] = rng.hypergeometric(
            good[rest].astype(np.int64), bad[rest].astype(np.int64), sample[rest].astype(np.int64)
        )
    at = np.flatnonzero(huge)
    if at.size:
        share = good[at] / (good[at] + bad[at])
        draws[at] = rng.binomial(sample[at].astype(np.int64), share)
    at = np.flatnonzero(few)
    if at.size == 0:
        return draws
    g, b, s = good[at], bad[at], sample[at]
    total = g + b
    pmf = np.ones(at.size)
    for j in range(int(g.max())):
        pmf = np.where(j < g, pmf * ((total - s - j) / np.maximum(total - j, 1.0)), pmf)
    cdf, u = pmf.copy(), rng.random(at.size)
    most = np.minimum(g, s)
    todo = np.flatnonzero((u > cdf) & (most > 0))
    pmf, cdf, u, g, b, s, most = (a[todo] for a in (pmf, cdf, u, g, b, s, most))
    k = 0
    while todo.size:
        pmf = pmf * ((g - k) * (s - k) / ((k + 1) * (b - s + k + 1)))  # P(k + 1) from P(k)
        cdf = cdf + pmf
        k += 1
        draws[at[todo]] = k
        go_on = (u > cdf) & (most > k)
        kept = (a[go_on] for a in (todo, pmf, cdf, u, g, b, s, most))
        # Each array keeps its own dtype; mypy sees only the union of them.
        todo, pmf, cdf, u, g, b, s, most = kept  # type: ignore[assignment]
    return draws


def poisson(rate: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """Poisson draws (float64) by inversion for small rates, numpy's sampler for the rest."""
    rate = np.asarray(rate, dtype=np.float64)
    draws = np.zeros(rate.size)
    small = (rate > 0.0) & (rate <= POISSON_INVERSION_RATE)
    at = np.flatnonzero(small)
    if at.size:
        u = rng.random(at.size)
        lam = rate[at]
        pmf = np.exp(-lam)
        cdf = pmf.copy()
        k = 0
        while at.size:
            go_on = (u > cdf) & (pmf > 0.0)  # pmf underflows only after ~700 steps
            at, u, lam, pmf, cdf = (a[go_on] for a in (at, u, lam, pmf, cdf))
            k += 1
            draws[at] = k
            pmf = pmf * lam / k
            cdf = cdf + pmf
    large = rate > POISSON_INVERSION_RATE
    if large.any():
        draws[large] = rng.poisson(rate[large])
    return draws


# Streams of keyed uniforms: each use of the market's randomness has its own.
NEED_STREAM, SHOPPING_STREAM, CHOICE_STREAM, FIRST_CHOICE_STREAM, AWARE_STREAM = range(5)
_MEMBER_MIX = np.uint64(0xD1B54A32D192ED03)
_COUNTER_MIX = np.uint64(0xABC98388FB8FAC03)
_STREAM_MIX = np.uint64(0x9E3779B97F4A7C15)


def _splitmix(x: np.ndarray) -> np.ndarray:
    """SplitMix64's finalizer: a bijection of 64-bit words that scrambles every bit."""
    x = x ^ (x >> np.uint64(30))
    x = x * np.uint64(0xBF58476D1CE4E5B9)
    x = x ^ (x >> np.uint64(27))
    x = x * np.uint64(0x94D049BB133111EB)
    return x ^ (x >> np.uint64(31))


def keyed_uniforms(
    key: int, stream: int, members: np.ndarray, counter: np.ndarray | int, column: int = 0
) -> np.ndarray:
    """Uniforms in (0, 1), one per member, fixed by (key, stream, member, counter, column).

    Counter-based rather than sequential: member i's draw on day t is the same in every
    world run from the same key, whatever else happened that day. The world with a
    programme and the world without it then share each member's category needs and choice
    noise, so their difference is the programme's doing, not the luck of the draw (common
    random numbers at the level of the member, not only of the run).
    """
    members = np.asarray(members, dtype=np.int64).astype(np.uint64)
    counter = np.asarray(counter, dtype=np.int64).astype(np.uint64)
    with np.errstate(over="ignore"):
        salt = np.uint64(key) ^ (np.uint64(stream * 64 + column + 1) * _STREAM_MIX)
        x = _splitmix(members * _MEMBER_MIX + salt)
        x = _splitmix(x ^ (counter * _COUNTER_MIX))
    return ((x >> np.uint64(11)).astype(np.float64) + 0.5) * 2.0**-53
