"""Chinese (Taiwan) and Japanese for what the executive summary says about uncertainty: the
chance that each arm pays, that the best beats the runner-up, and what the intervals include
(:mod:`commsim.analysis.chances`)."""

from __future__ import annotations

ZH_TW_UNCERTAINTY: dict[str, str] = {
    "Chance it pays": "回本機率",
    "Best against runner-up": "最佳對次佳",
    "What the intervals include": "區間涵蓋什麼",
    "{share} ({count} of {n})": "{share}（{n} 次中 {count} 次）",
    "{arm} {chance}": "{arm} {chance}",
    "Probability of paying (share of replicates that end above no programme in profit after "
    "{span}): {each}.": "回本機率（{span}後利潤高於無計畫的模擬比例）：{each}。",
    "{best} beats {runner_up} in {count} of {n} replicates ({share}) on profit against no "
    "programme after {span}, compared in the same world.": (
        "以{span}後相對無計畫的利潤比較，{best} 在 {n} 次模擬中有 {count} 次勝過 {runner_up}"
        "（{share}），每次都在同一個世界中比較。"
    ),
    "field evidence": "實地證據",
    "Intervals and chances include simulation noise only: the assumptions stay at their "
    "defaults (run with --assumptions prior to include their plausible ranges).": (
        "區間與機率只涵蓋模擬雜訊：假設維持預設值（以 --assumptions prior 執行可納入其合理範圍）。"
    ),
    "Intervals and chances include simulation noise and the assumptions' plausible ranges "
    "(prior): each replicate draws the assumptions the experiment does not set.": (
        "區間與機率涵蓋模擬雜訊與假設的合理範圍（先驗）：每次模擬都抽取實驗未設定的假設。"
    ),
    "Intervals and chances include simulation noise and the assumptions' posterior from "
    "{evidence}: each replicate draws one of its worlds.": (
        "區間與機率涵蓋模擬雜訊與由{evidence}推得的假設後驗：每次模擬抽取其中一個世界。"
    ),
}

JA_UNCERTAINTY: dict[str, str] = {
    "Chance it pays": "採算が合う確率",
    "Best against runner-up": "最良と次点",
    "What the intervals include": "区間が含むもの",
    "{share} ({count} of {n})": "{share}（{n}回中{count}回）",
    "{arm} {chance}": "{arm} {chance}",
    "Probability of paying (share of replicates that end above no programme in profit after "
    "{span}): {each}.": "採算が合う確率（{span}後の利益が施策なしを上回った試行の割合）：{each}。",
    "{best} beats {runner_up} in {count} of {n} replicates ({share}) on profit against no "
    "programme after {span}, compared in the same world.": (
        "{span}後の施策なしに対する利益で、{best}は{n}回中{count}回{runner_up}を上回った"
        "（{share}、同じ世界どうしで比較）。"
    ),
    "field evidence": "実地のエビデンス",
    "Intervals and chances include simulation noise only: the assumptions stay at their "
    "defaults (run with --assumptions prior to include their plausible ranges).": (
        "区間と確率はシミュレーションのばらつきのみを含む：仮定は既定値のまま"
        "（--assumptions prior で実行すると仮定の妥当な範囲も含む）。"
    ),
    "Intervals and chances include simulation noise and the assumptions' plausible ranges "
    "(prior): each replicate draws the assumptions the experiment does not set.": (
        "区間と確率はシミュレーションのばらつきと仮定の妥当な範囲（事前分布）を含む："
        "試行ごとに、実験で設定していない仮定を抽出する。"
    ),
    "Intervals and chances include simulation noise and the assumptions' posterior from "
    "{evidence}: each replicate draws one of its worlds.": (
        "区間と確率はシミュレーションのばらつきと、{evidence}から推定した仮定の事後分布を含む："
        "試行ごとにその世界の一つを抽出する。"
    ),
}
