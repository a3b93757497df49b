"""Sparse feeds: word of mouth from the few who speak today, and who was shown anything.

On a given day few members speak (leaders who post, yesterday's sharers, members active in a
community) and few are shown anything. Summing friends' values as ``network @ x`` costs every
tie of the network whatever the number of speakers; gathering the ties of the speakers alone
costs only theirs, and the day's work then follows the members actually reached. The network
is symmetric, so both give the same sums.
"""

from __future__ import annotations

import numpy as np
import scipy.sparse as sp

# Above this share of all ties, gathering the speakers' ties costs more than full products.
DENSE_SPEAKER_TIES = 0.5


def union(size: int, *indices: np.ndarray) -> np.ndarray:
    """Sorted distinct members named by any of the index arrays (members 0..size-1)."""
    named = np.zeros(size, dtype=bool)
    for index in indices:
        named[index] = True
    return np.flatnonzero(named)


def slots(members: np.ndarray, size: int) -> np.ndarray:
    """Lookup table: ``slots(members, size)[members[k]] == k`` (other entries are garbage)."""
    table = np.empty(size, dtype=np.int32 if size < 2**31 else np.int64)
    table[members] = np.arange(members.size)
    return table


def spread_to_friends(
    network: sp.csr_matrix, speakers: np.ndarray, values: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Per member with a speaking friend: the sum of its speaking friends' ``values``.

    ``speakers`` are distinct members, ``values`` their (speakers, columns) values. Returns
    the listeners (sorted) and their (listeners, columns) sums: ``network @ x`` restricted
    to the listeners, for x zero outside the speakers.
    """
    columns = values.shape[1]
    if speakers.size == 0:
        return np.empty(0, dtype=np.int64), np.zeros((0, columns))
    indptr, indices = network.indptr, network.indices
    starts = indptr[speakers].astype(np.int64)
    ties = indptr[speakers + 1] - starts
    total = int(ties.sum())
    if total > DENSE_SPEAKER_TIES * network.nnz:
        return _spread_densely(network, speakers, values)
    # Ties of speaker k occupy indices[starts[k] : starts[k] + ties[k]].
    offsets = np.repeat(starts - (np.cumsum(ties) - ties), ties)
    friends = indices[offsets + np.arange(total)]
    speaker_of_tie = np.repeat(np.arange(speakers.size), ties)
    listeners = union(network.shape[0], friends)
    slot = slots(listeners, network.shape[0])[friends]
    sums = np.empty((listeners.size, columns))
    for c in range(columns):
        sums[:, c] = np.bincount(slot, weights=values[speaker_of_tie, c], minlength=listeners.size)
    return listeners, sums


def bernoulli_successes(trials: int, p: float, rng: np.random.Generator) -> np.ndarray:
    """Positions (ascending) of the successes among ``trials`` Bernoulli(p) trials.

    The gaps between successes are geometric, so the cost is that of the successes only.
    """
    if trials <= 0 or p <= 0.0:
        return np.empty(0, dtype=np.int64)
    if p >= 1.0:
        return np.arange(trials, dtype=np.int64)
    expected = trials * p
    batch = int(expected + 6.0 * np.sqrt(expected) + 16)

    def gaps() -> np.ndarray:
        # A gap past the last trial ends the successes; capping it there keeps the running
        # sum exact below ``trials`` and far from overflow when p is tiny.
        return np.minimum(rng.geometric(p, size=batch), trials + 1)

    positions = np.cumsum(gaps()) - 1
    while positions[-1] < trials:  # rare: the batch fell short
        positions = np.concatenate([positions, positions[-1] + np.cumsum(gaps())])
    return positions[positions < trials]


def message_friends(
    network: sp.csr_matrix, speakers: np.ndarray, p: float, rng: np.random.Generator
) -> np.ndarray:
    """Friends who get a message when each tie of each speaker carries one with chance p.

    One entry per message (a member with several speaking friends may appear repeatedly):
    per member, Binomial(speaking friends, p) entries, without touching the other ties.
    """
    starts = network.indptr[speakers].astype(np.int64)
    ties = network.indptr[speakers + 1] - starts
    first = np.cumsum(ties) - ties  # where each speaker's ties begin, all ties in a row
    chosen = bernoulli_successes(int(ties.sum()), p, rng)
    speaker = np.searchsorted(first, chosen, side="right") - 1
    return network.indices[starts[speaker] + chosen - first[speaker]]


def _spread_densely(
    network: sp.csr_matrix, speakers: np.ndarray, values: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """``spread_to_friends`` by full products, one per column (for days when many speak)."""
    x = np.zeros(network.shape[0], dtype=np.float32)
    x[speakers] = 1.0
    listeners = np.flatnonzero(network @ x)
    sums = np.empty((listeners.size, values.shape[1]))
    for c in range(values.shape[1]):
        x[:] = 0.0
        x[speakers] = values[:, c]
        sums[:, c] = (network @ x)[listeners]
    return listeners, sums


class Feed:
    """Today's deliveries, collected sparsely, then laid out over the members shown anything.

    ``add`` takes counts of one kind of post for one brand over some members; ``add_extra``
    other per-member, per-brand values (paid impressions, invitations). ``build`` returns
    the members shown anything (``who``, sorted), their (brands, kinds, who) counts and the
    (brands, who) extras: members run along the last axis, so the maths of one kind for
    one brand reads one contiguous row.
    """

    def __init__(self, size: int, n_brands: int, kinds: int) -> None:
        self.size, self.n_brands, self.kinds = size, n_brands, kinds
        self._parts: list[tuple[np.ndarray, int, int, np.ndarray]] = []
        self._extras: dict[str, list[tuple[np.ndarray, int, np.ndarray]]] = {}

    def add(self, members: np.ndarray, brand: int, kind: int, counts: np.ndarray) -> None:
        shown = counts > 0
        self._parts.append((members[shown], brand, kind, counts[shown]))

    def add_extra(self, name: str, members: np.ndarray, brand: int, values: np.ndarray) -> None:
        shown = values != 0
        self._extras.setdefault(name, []).append((members[shown], brand, values[shown]))

    def shown(self) -> np.ndarray:
        """Flags of the members shown at least one post so far (extras aside)."""
        flags = np.zeros(self.size, dtype=bool)
        for members, *_ in self._parts:
            flags[members] = True
        return flags

    def build(self, names: tuple[str, ...]) -> tuple[np.ndarray, np.ndarray, dict[str, np.ndarray]]:
        pieces = [part[0] for part in self._parts]
        pieces += [extra[0] for name in names for extra in self._extras.get(name, [])]
        who = union(self.size, *pieces)
        slot = slots(who, self.size)
        counts = np.zeros((self.n_brands, self.kinds, who.size), dtype=np.float32)
        for members, brand, kind, values in self._parts:
            counts[brand, kind, slot[members]] += values
        extras = {}
        for name in names:
            extras[name] = np.zeros((self.n_brands, who.size), dtype=np.float32)
            for members, brand, values in self._extras.get(name, []):
                extras[name][brand, slot[members]] += values
        return who, counts, extras
