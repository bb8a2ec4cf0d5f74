"""The first stage of an audit: a document's relations as a system, and what each figure is."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from tradeaudit.audit.conversions import pin_rates
from tradeaudit.audit.domains import blocks
from tradeaudit.audit.heap import trim
from tradeaudit.audit.plausibility import degree
from tradeaudit.model.figures import Table
from tradeaudit.model.rates import Rates
from tradeaudit.model.rules import Rules
from tradeaudit.solve.relation import System, build_system


@dataclass(frozen=True)
class Problem:
    """A document ready to audit: its relations with the hubs cut, and its figures' roles."""

    policy: str  # the conversion policy: document, annual or date
    system: System  # hubs cut (System.cut_hubs): each block holds its own copies
    frame: pd.DataFrame  # the figures, rows numbered from 0
    ids: pd.api.extensions.ExtensionArray  # as text: ids[i] makes one Python string
    enabled: np.ndarray  # a rule of the suite checks the figure's statistic
    vague: np.ndarray  # qualified ("about"): checked against the others, never applied
    hard: np.ndarray  # applied as a constraint: has a variable, enabled, not vague
    block: np.ndarray  # the figure's component (-1 without a variable)
    degree: np.ndarray  # how many relations could vouch for the figure
    free_rates: dict[str, str]  # rates a reference policy leaves free, and why
    # Rates a reference policy pins, each to the reference as the rates table prints it.
    pinned_rates: dict[str, str] = field(default_factory=dict)


def build_problem(table: Table, rules: Rules, rates: Rates | None = None,
                  policy: str | None = None, date: str = "") -> Problem:
    """Build the system of relations (rates pinned under a reference policy), cut its hubs,
    and mark which figures are checked and which are applied."""
    policy = policy or rules.conversion or "document"
    system = build_system(table, rules, policy, date)
    trim()  # (a big release's build frees more than the system it leaves)
    free_rates, pinned_rates = pin_rates(system, rates) if policy != "document" else ({}, {})
    system = system.cut_hubs()
    trim()
    frame = table.frame.reset_index(drop=True)
    enabled = frame["stat"].isin(rules.stats | {"level"} | ({"rank"} if rules.rank else set())
                                 ).to_numpy()
    vague = frame["vague"].to_numpy()
    hard = (system.fig_var >= 0) & enabled & ~vague
    return Problem(policy, system, frame, frame["id"].array, enabled, vague, hard,
                   blocks(system), degree(system, frame), free_rates, pinned_rates)
