"""Chinese (Taiwan) and Japanese for the claims audit's page (``claims.md`` and
``claims.html``, :mod:`commsim.charts.claims_pages`): its headings, how a verdict is read,
each claim's comparison and checks, the setup of the audit."""

from __future__ import annotations

ZH_TW_CLAIMS_REPORT: dict[str, str] = {
    # setting names (commsim.analysis.setting_names) the claims audit shows
    "Market size": "市場規模",
    "Days of market history before the start": "開始前的市場歷史天數",
    "Followers at the start": "開始時的粉絲數",
    "How much reach follows engagement": "觸及隨互動變化的程度",
    "Fatigue from promotional posts": "促銷貼文造成的疲乏",
    "Purchase lift from a recent promotion": "近期促銷帶來的購買提升",
    "Mean interest in the topic": "對話題的平均興趣",
    "Mean affinity for the brand": "對品牌的平均好感",
    "Days between purchase needs": "購買需求間隔天數",
    "cumulative purchases": "累計購買次數",
    "A verdict is read at 95%: the claim **holds** when every one of its checks has its mean "
    "paired difference (favoured arm minus the other, replicate by replicate on the same seeds) "
    "with a 95% bootstrap interval above 0; it is **reversed** when its first check's interval "
    "lies below 0; otherwise it is **undecided** (the data do not tell, or a secondary check "
    "fails). Effects are for the whole market the members stand for.": (
        "結論以 95% 判讀：當主張的每項檢查之配對差平均（看好的策略減另一策略，以相同亂數種子逐次配對）"
        "的 95% 自助法信賴區間都高於 0，主張**成立**；當第一項檢查的區間低於 0，主張**相反**；"
        "否則為**未定**（資料無法判斷，或次要檢查未通過）。效果以成員所代表的整個市場計。"
    ),
    "Behaviour behind it: {evidence}.": "背後的行為：{evidence}。",
    "Checks (all must hold, {platform}): {checks}.": "檢查（須全部成立，{platform}）：{checks}。",
    "Claims audit: {name}": "主張檢驗：{name}",
    "Compared: {comparison}, at a horizon of {days} days. Reversing world: {world}.": (
        "比較：{comparison}，期間 {days} 天。相反情境：{world}。"
    ),
    "Each claim's first check, on {platform}, with each setting moved from half to twice its "
    "value ({trajectories} Morris trajectories); settings whose intervals overlap cannot be "
    "ordered. Full ranking: screening.csv.": (
        "各主張的第一項檢查，於{platform}，將每項設定從一半調到兩倍（{trajectories} 條 Morris 軌跡）；"
        "區間重疊的設定無法排序。完整排名：screening.csv。"
    ),
    "Effect (95% CI)": "效果（95% 信賴區間）",
    "Horizons capped at {days} days and at most {members} members: a quick look, not the "
    "audit's verdicts.": "期間上限 {days} 天，成員最多 {members} 人：快速檢視，並非檢驗結論。",
    "Platforms: {platforms}. Paired replicates per arm: {n}; seed {seed}; {runs} runs in all.": (
        "平台：{platforms}。每個策略的配對模擬：{n} 次；亂數種子 {seed}；共 {runs} 次模擬。"
    ),
    "Reversing world": "相反情境",
    "Scenario under audit: {experiment} ({scenario}).": "檢驗的情境：{experiment}（{scenario}）。",
    "Share lost without": "關閉後失去的比例",
    "Sweep per claim and platform: {points} Latin-hypercube points x {replicates} replicate(s) "
    "over {swept}.": "每個主張與平台的掃描：{points} 個拉丁超立方點 × {replicates} 次模擬，涵蓋{swept}。",
    "Verdict": "結論",
    "Verdicts": "結論",
    "Where it reverses (sweep)": "在哪裡相反（掃描）",
    "Which assumptions decide each claim (Morris screening)": "哪些假設決定各主張（Morris 篩選）",
    "defaults": "預設值",
    "the model's defaults": "模型的預設值",
    "{claim}: {title}": "{claim}：{title}",
    "{factors} and what each claim's mechanisms and reversal set, from half to twice each "
    "value": "{factors}，以及各主張的機制與相反情境所設定的參數，各從一半到兩倍",
    "{favoured} beats {versus} on {metric} on day {day}{whose}": (
        "第 {day} 天的{metric}：{favoured}勝過{versus}{whose}"
    ),
    "{reversing} of {points} points of the sweep reverse it": "掃描的 {points} 個點中有 {reversing} 個相反",
}

JA_CLAIMS_REPORT: dict[str, str] = {
    "Market size": "市場規模",
    "Days of market history before the start": "開始前の市場履歴の日数",
    "Followers at the start": "開始時のフォロワー数",
    "How much reach follows engagement": "リーチがエンゲージメントに応じる度合い",
    "Fatigue from promotional posts": "販促投稿による疲れ",
    "Purchase lift from a recent promotion": "直近の販促による購買の押し上げ",
    "Mean interest in the topic": "話題への平均的な関心",
    "Mean affinity for the brand": "ブランドへの平均的な好意",
    "Days between purchase needs": "購入ニーズの間隔（日）",
    "cumulative purchases": "累計購入回数",
    "A verdict is read at 95%: the claim **holds** when every one of its checks has its mean "
    "paired difference (favoured arm minus the other, replicate by replicate on the same seeds) "
    "with a 95% bootstrap interval above 0; it is **reversed** when its first check's interval "
    "lies below 0; otherwise it is **undecided** (the data do not tell, or a secondary check "
    "fails). Effects are for the whole market the members stand for.": (
        "判定は95%で読む：主張のすべてのチェックで対応差の平均（有利とされる施策−もう一方、同じシードで"
        "試行ごとに対応）の95%ブートストラップ区間が0を上回れば**成立**、最初のチェックの区間が0を"
        "下回れば**逆転**、それ以外は**未決**（データから判断できない、または副次チェックが不成立）。"
        "効果はメンバーが代表する市場全体についての値。"
    ),
    "Behaviour behind it: {evidence}.": "その裏にある行動：{evidence}。",
    "Checks (all must hold, {platform}): {checks}.": "チェック（すべて成立が必要、{platform}）：{checks}。",
    "Claims audit: {name}": "主張の検証：{name}",
    "Compared: {comparison}, at a horizon of {days} days. Reversing world: {world}.": (
        "比較：{comparison}、期間{days}日。逆転する世界：{world}。"
    ),
    "Each claim's first check, on {platform}, with each setting moved from half to twice its "
    "value ({trajectories} Morris trajectories); settings whose intervals overlap cannot be "
    "ordered. Full ranking: screening.csv.": (
        "各主張の最初のチェックを{platform}で、各設定を半分から2倍まで動かして測定（Morris軌跡"
        "{trajectories}本）。区間が重なる設定は順位付けできない。全順位：screening.csv。"
    ),
    "Effect (95% CI)": "効果（95%信頼区間）",
    "Horizons capped at {days} days and at most {members} members: a quick look, not the "
    "audit's verdicts.": "期間は最長{days}日、メンバーは最大{members}人：簡易チェックであり検証の判定ではない。",
    "Platforms: {platforms}. Paired replicates per arm: {n}; seed {seed}; {runs} runs in all.": (
        "プラットフォーム：{platforms}。各施策の対応のある試行：{n}回、シード{seed}、計{runs}回。"
    ),
    "Reversing world": "逆転する世界",
    "Scenario under audit: {experiment} ({scenario}).": "検証したシナリオ：{experiment}（{scenario}）。",
    "Share lost without": "止めたときに失われる割合",
    "Sweep per claim and platform: {points} Latin-hypercube points x {replicates} replicate(s) "
    "over {swept}.": "主張とプラットフォームごとのスイープ：ラテン超方格{points}点 × {replicates}回、対象は{swept}。",
    "Verdict": "判定",
    "Verdicts": "判定",
    "Where it reverses (sweep)": "逆転する条件（スイープ）",
    "Which assumptions decide each claim (Morris screening)": "各主張を左右する前提（Morrisスクリーニング）",
    "defaults": "既定値",
    "the model's defaults": "モデルの既定値",
    "{claim}: {title}": "{claim}：{title}",
    "{factors} and what each claim's mechanisms and reversal set, from half to twice each "
    "value": "{factors}、および各主張の仕組みと逆転する世界が設定する値、それぞれ半分から2倍まで",
    "{favoured} beats {versus} on {metric} on day {day}{whose}": (
        "{day}日目の{metric}で{favoured}が{versus}に勝る{whose}"
    ),
    "{reversing} of {points} points of the sweep reverse it": "スイープ{points}点のうち{reversing}点で逆転",
}
