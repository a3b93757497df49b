"""The Traditional Chinese (Taiwan) of every fixed phrase of charts, reports and decks.

One language's table in its own module keeps :mod:`commsim.analysis.translations`, which
gathers the languages, short. Keys are the English text exactly as the code writes it;
placeholders in braces stay as they are.
"""

from __future__ import annotations

# Traditional Chinese as written in Taiwan.
ZH_TW: dict[str, str] = {
    # Numbers and times
    " pts": " 個百分點",
    "currency": "貨幣",
    "{n} day": "{n} 天",
    "{n} days": "{n} 天",
    "{low} to {high}": "{low} 至 {high}",
    "{n} month": "{n} 個月",
    "{n} months": "{n} 個月",
    "{level} CI": "{level} 信賴區間",
    "months": "個月",
    "days": "天",
    "runs": "次模擬",
    "crossing runs": "發生超越的模擬",
    # Metrics: labels and units
    "community members": "社群成員",
    "members": "人",
    "active members": "活躍成員",
    "members engaged in last 30 days": "近 30 天有互動的成員",
    "followers": "粉絲",
    "organic reach": "自然觸及率",
    "% of followers per post": "每則貼文觸及粉絲的 %",
    "organic impressions": "自然曝光",
    "impressions": "曝光",
    "paid impressions": "付費曝光",
    "engagements": "互動",
    "engagement rate": "互動率",
    "% of impressions": "曝光的 %",
    "shares": "分享",
    "awareness": "品牌知名度",
    "% of all members": "全體成員的 %",
    "attitude": "品牌好感度",
    "favourable": "喜歡品牌",
    "% of aware members who like the brand": "知道品牌者中喜歡品牌的 %",
    "mean of aware members: -100 hostile, 0 neutral, +100 devoted": (
        "知道品牌者的平均：-100 反感、0 中立、+100 忠實"
    ),
    "opinion leaders": "意見領袖",
    "purchases": "購買次數",
    "revenue": "營收",
    "cost": "成本",
    "profit": "利潤",
    "cumulative revenue": "累計營收",
    "cumulative profit": "累計利潤",
    "return on investment": "投資報酬率",
    "profit on cost, every sale credited": "利潤對成本比（所有銷售皆計入）",
    "% of cumulative cost": "累計成本的 %",
    "unfollows": "取消追蹤",
    "blocks": "封鎖",
    "block rate": "封鎖率",
    "% of friends since day 0": "第0天以來好友的%",
    "open rate": "開啟率",
    "% of messages delivered": "已送達訊息的%",
    "programme still running": "計畫仍在執行",
    "% of runs": "模擬的 %",
    "brand posts": "品牌貼文",
    "posts": "貼文",
    "members reached": "觸及人數",
    "members reached and aware": "觸及且知道品牌的人數",
    "members reached who bought": "觸及後購買的人數",
    "members engaged": "互動人數",
    "members aware": "知道品牌的人數",
    "buyers": "購買者",
    "members who ever bought": "曾購買的人",
    "repeat purchases": "回購",
    "purchases switched from rivals": "從競品轉來的購買",
    "purchases new to the brand": "新客購買",
    "category purchases": "品類購買次數",
    "content cost": "內容成本",
    "ad cost": "廣告成本",
    "leader cost": "意見領袖成本",
    "reply cost": "回覆成本",
    "giveaway cost": "贈品成本",
    "community management cost": "社群經營成本",
    "message cost": "訊息費用",
    "spending held back by the budget": "因預算而未執行的支出",
    "spending held back by the budget, cumulative": "因預算而未執行的支出（累計）",
    "ROI above the baseline share": "高於基準份額的投資報酬率",
    "incremental revenue": "增量營收",
    "currency, cumulative, vs no programme": "貨幣，累計，相對於無計畫",
    "incremental profit": "增量利潤",
    "incremental ROI": "增量投資報酬率",
    "% of programme cost, vs no programme": "計畫成本的 %，相對於無計畫",
    # Findings
    "No clear difference in {metric} after {when}: {arm} mean {value} vs {other_value} for "
    "{other} ({gap}, {ci} {interval})": (
        "{when}後{metric}沒有明顯差異：{arm} 平均 {value}，{other} 為 {other_value}"
        "（差 {gap}，{ci} {interval}）"
    ),
    "No crossover in {metric} within {span}: the arms end level": (
        "{span}內{metric}沒有發生超越：各策略最終持平"
    ),
    "{winner} overtakes {loser} in {metric} after {when} in {runs} of {n} runs (95% of those: "
    "{spread})": (
        "{winner} 在 {n} 次模擬中有 {runs} 次於{when}後的{metric}超越 {loser}（其中 95%：{spread}）"
    ),
    "{first} loses least in {metric} (mean) at {when}; {last} from {since} on": (
        "{when}時 {first} 的{metric}虧損最少（平均）；{since}起換成 {last}"
    ),
    "{first} has the highest mean {metric} at {when}; {last} from {since} on": (
        "{when}時 {first} 的平均{metric}最高；{since}起換成 {last}"
    ),
    "{arm} is clearly ahead of {reference} in {metric} {since}: {final} on average after "
    "{span} ({ci} {interval})": (
        "{arm} 的{metric}{since}明顯領先 {reference}：{span}後平均 {final}（{ci} {interval}）"
    ),
    "{arm} is clearly behind {reference} in {metric} {since}: {final} on average after {span} "
    "({ci} {interval})": (
        "{arm} 的{metric}{since}明顯落後 {reference}：{span}後平均 {final}（{ci} {interval}）"
    ),
    "{Factor} moves {metric} most after {when}: {best} for {factor} {best_level} vs {worst} "
    "for {worst_level} (mean over the other factors)": (
        "{when}後影響{metric}最大的是{Factor}：{factor} {best_level} 為 {best}，"
        "{worst_level} 為 {worst}（其他因子取平均）"
    ),
    "No {metric} to show": "沒有可顯示的{metric}",
    "{Metric} reaches a mean of {value} after {when} ({ci} {interval})": (
        "{when}後{Metric}平均達 {value}（{ci} {interval}）"
    ),
    "{arm} loses least in {metric} after {when}: mean {value}": (
        "{when}後 {arm} 的{metric}虧損最少：平均 {value}"
    ),
    "{arm} ends highest in {metric} after {when}: mean {value}": (
        "{when}後 {arm} 的{metric}最高：平均 {value}"
    ),
    "{arm} loses least in {metric} after {when}: mean {value} vs {other_value} for {other} "
    "({gap}, {ci} {interval})": (
        "{when}後 {arm} 的{metric}虧損最少：平均 {value}，{other} 為 {other_value}"
        "（差 {gap}，{ci} {interval}）"
    ),
    "{arm} ends highest in {metric} after {when}: mean {value} vs {other_value} for {other} "
    "({gap}, {ci} {interval})": (
        "{when}後 {arm} 的{metric}最高：平均 {value}，{other} 為 {other_value}"
        "（差 {gap}，{ci} {interval}）"
    ),
    "No crossover to report: the experiment has a single arm": "沒有超越可報告：實驗只有一個策略",
    "; {arm} comes closest": "；{arm} 最接近",
    "{winner} overtakes {loser} in {metric} after {when} (95% of runs: {spread})": (
        "{winner} 於{when}後的{metric}超越 {loser}（95% 的模擬：{spread}）"
    ),
    "No checkpoints to compare in {metric}": "沒有可比較{metric}的檢查點",
    "{arm} loses least in {metric} (mean) at {count}": "{arm} 在{count}的{metric}虧損最少（平均）",
    "{arm} has the highest mean {metric} at {count}": "{arm} 在{count}的平均{metric}最高",
    "No arm to compare with {reference}": "沒有可與 {reference} 比較的策略",
    "No clear difference in {metric} between {arm} and {reference} after {span}: {final} on "
    "average ({ci} {interval})": (
        "{span}後 {arm} 與 {reference} 的{metric}沒有明顯差異：平均 {final}（{ci} {interval}）"
    ),
    "from the start": "從一開始",
    "from {when} on": "自{when}起",
    "No factors to compare in {metric}": "沒有可比較{metric}的因子",
    "{arm} stays ahead of {reference} in {metric} for all {span}": (
        "{arm} 的{metric}在整整{span}內都領先 {reference}"
    ),
    "No crossover within {span}: {arms} stays ahead of {reference} in {metric}": (
        "{span}內沒有超越：{arms} 的{metric}一直領先 {reference}"
    ),
    "No crossover within {span}: {arms} stay ahead of {reference} in {metric}": (
        "{span}內沒有超越：{arms} 的{metric}一直領先 {reference}"
    ),
    "every other arm": "其他所有策略",
    "No crossover within {span}: {reference} stays ahead of {arms} in {metric}": (
        "{span}內沒有超越：{reference} 的{metric}一直領先 {arms}"
    ),
    "the only checkpoint": "唯一的檢查點",
    "all {n} checkpoints": "全部 {n} 個檢查點",
    "No arm overtakes {reference} in {metric} within {span}": (
        "{span}內沒有策略的{metric}超越 {reference}"
    ),
    "; the other arms stay behind it": "；其他策略一直落後",
    # What the programme adds
    "pays back within {span} in only {runs} of {n} runs": (
        "在 {n} 次模擬中只有 {runs} 次於{span}內回本"
    ),
    "No clear gain within {span}: {arm} ends at {value} against no programme (mean; 95% CI "
    "{interval})": (
        "{span}內沒有明顯獲益：{arm} 相對於無計畫最終為 {value}（平均；95% 信賴區間 {interval}）"
    ),
    "Over {span}, {arm} adds {value} of profit against no programme (mean of runs; 95% CI "
    "{interval}).": (
        "{span}內，{arm} 相對於無計畫增加 {value} 的利潤（模擬平均；95% 信賴區間 {interval}）。"
    ),
    "Over {span}, {arm} loses {value} of profit against no programme (mean of runs; 95% CI "
    "{interval}).": (
        "{span}內，{arm} 相對於無計畫減少 {value} 的利潤（模擬平均；95% 信賴區間 {interval}）。"
    ),
    "{arm} adds the most purchases over {span}: {total} more than with no programme (mean), "
    "{share} of them {origin}": (
        "{span}內 {arm} 增加最多購買：比無計畫多 {total} 次（平均），其中 {share} 為{origin}"
    ),
    "{arm} spends the most over {span}: {total} (mean of runs), {share} of it on {item}": (
        "{span}內 {arm} 花費最多：{total}（模擬平均），其中 {share} 用於{item}"
    ),
    "No strategy clearly adds buyers after {span}: the best, {arm}, {value} against no "
    "programme (mean; 95% CI {interval})": (
        "{span}後沒有策略明顯增加購買者：最佳的 {arm} 相對於無計畫為 {value}"
        "（平均；95% 信賴區間 {interval}）"
    ),
    "has no payback recorded": "沒有回本紀錄",
    "does not pay back within {span}": "在{span}內沒有回本",
    "pays back after {when} (95% of runs: {spread})": "在{when}後回本（95% 的模擬：{spread}）",
    "pays back after {when} in {runs} of {n} runs (95% of those: {spread})": (
        "在 {n} 次模擬中有 {runs} 次於{when}後回本（其中 95%：{spread}）"
    ),
    "No incremental profit to show": "沒有可顯示的增量利潤",
    "{arm} pays: {value} profit against no programme after {span} (mean; 95% CI {interval}); "
    "it {payback}": (
        "{arm} 划算：{span}後相對於無計畫的利潤為 {value}（平均；95% 信賴區間 {interval}）；"
        "{payback}"
    ),
    "No strategy pays within {span}: the best, {arm}, ends at {value} against no programme "
    "(mean; 95% CI {interval})": (
        "{span}內沒有策略划算：最佳的 {arm} 相對於無計畫最終為 {value}"
        "（平均；95% 信賴區間 {interval}）"
    ),
    "{arm} {payback}.": "{arm} {payback}。",
    "No purchases to split by origin": "沒有可依來源拆分的購買",
    "No strategy adds purchases over {span}: the best, {arm}, sells {total} against no "
    "programme (mean)": ("{span}內沒有策略增加購買：最佳的 {arm} 相對於無計畫為 {total}（平均）"),
    "The programme costs nothing in any arm": "各策略的計畫都沒有成本",
    "No buyers to compare": "沒有可比較的購買者",
    "{arm} wins the most buyers: {value} against no programme after {span} (mean; 95% CI "
    "{interval})": (
        "{arm} 贏得最多購買者：{span}後相對於無計畫 {value}（平均；95% 信賴區間 {interval}）"
    ),
    "{arm} does not pay within {span}: {value} against no programme (mean; 95% CI {interval})": (
        "{arm} 在{span}內不划算：相對於無計畫為 {value}（平均；95% 信賴區間 {interval}）"
    ),
    "{arm} pays for itself within {span}.": "{arm} 在{span}內回本。",
    "{arm} is the best of the {n} strategies: it adds the most profit against doing nothing "
    "over {span}.": "{arm} 是 {n} 個策略中最好的：{span}內相對於不做計畫增加最多利潤。",
    "No strategy clearly pays within {span}; {arm} comes closest.": (
        "{span}內沒有策略明顯划算；{arm} 最接近。"
    ),
    "{arm} {payback}; {best} does not.": "{arm} {payback}；{best} 則沒有。",
    "No strategy pays back within {span} (payback: the first day from which profit stays above "
    "the world without the programme).": (
        "{span}內沒有策略回本（回本：利潤從此一直高於無計畫情境的第一天）。"
    ),
    "The answer": "結論",
    "When it pays": "何時回本",
    "How much": "金額",
    "{arm} does not pay for itself within {span}.": "{arm} 在{span}內沒有回本。",
    "None of the {n} strategies pays for itself within {span}; {arm} loses least.": (
        "{n} 個策略在{span}內都沒有回本；{arm} 虧損最少。"
    ),
    "switched from rivals": "從競品轉來",
    "new to the brand": "品牌新客",
    "content": "內容",
    "community management": "社群經營",
    "replies": "回覆",
    "ads": "廣告",
    "giveaways": "贈品",
    "messages": "訊息",
    "Reached": "觸及",
    "Engaged": "互動",
    "Aware": "知道品牌",
    "Bought": "購買",
    "of reached": "的觸及者",
    "of aware": "的知道品牌者",
    "of the market": "的市場",
    # Assumptions
    "No claims audit in this folder: the scenario's key settings, with the sources their "
    "parameters declare": "此資料夾沒有主張稽核：列出情境的關鍵設定及其參數所載的來源",
    "Source": "來源",
    "Currency": "貨幣",
    "Platform": "平台",
    "Market": "市場",
    "{market} people, simulated by {members} members (1 stands for {scale})": (
        "{market} 人，以 {members} 位成員模擬（1 位代表 {scale} 人）"
    ),
    "The assumptions that decide the answer, from {file} ({columns})": (
        "決定結論的假設，取自 {file}（{columns}）"
    ),
    "not given": "未提供",
    "the experiment's own figure (its base, arms or brand profile)": "實驗檔自訂的數值（base、策略或品牌概況）",
    # Deck and report
    "After {when}: mean (95% CI) per arm; below it, the paired difference to {reference} "
    "(95% CI)": "{when}後：各策略平均（95% 信賴區間）；下方為與 {reference} 的配對差（95% 信賴區間）",
    "{arms} arms, {n} paired replicates each, {horizon} simulated; seed {seed}": (
        "{arms} 個策略，各 {n} 次配對模擬，模擬 {horizon}；亂數種子 {seed}"
    ),
    "Assumptions: the platform, the market and what decides the answer": (
        "假設：平台、市場與決定結論的因素"
    ),
    "Chart file": "圖表檔",
    "Source: commsim {version} simulation, experiment '{name}', {n} replicates per arm, {seed}; "
    "brand '{brand}'": "來源：commsim {version} 模擬，實驗「{name}」，每個策略 {n} 次模擬，{seed}；品牌「{brand}」",
    "seed {seed}": "亂數種子 {seed}",
    "no seed": "未記錄亂數種子",
    "Purchases over {span} beyond the same run without the programme (mean of runs; lines: "
    "95% CI)": "{span}內比同一模擬無計畫時多出的購買次數（模擬平均；線：95% 信賴區間）",
    "no programme": "無計畫",
    "Programme cost over {span} ({currency}, mean of runs)": "{span}的計畫成本（{currency}，模擬平均）",
    "{arm} ends with the most buyers after {span}: mean {value}": (
        "{span}後 {arm} 的購買者最多：平均 {value}"
    ),
    "People after {span} (mean of runs; market: {market})": "{span}後的人數（模擬平均；市場：{market}）",
    "Reached, engaged: ever shown, or ever engaged with, a post by or about the brand (members' "
    "shares and leaders' posts too). Aware, bought: of those reached, who know the brand now and "
    "who have bought it since. Grey: the same world without the programme": (
        "觸及、互動：曾看到或互動過品牌發布或與品牌相關的貼文（含成員分享與意見領袖貼文）。"
        "知道品牌、購買：被觸及者中目前知道品牌、之後曾購買的人。灰色：同一情境但無計畫"
    ),
    "95% of runs": "95% 的模擬",
    "{k} of {n} runs": "{n} 次模擬中的 {k} 次",
    "{arm} pays back\nafter {when} ({runs}: {spread})": "{arm} 於{when}後\n回本（{runs}：{spread}）",
    "{origin} (no programme: {world})": "{origin}（無計畫：{world}）",
    "; no arm pays back within the horizon": "；沒有策略在模擬期間內回本",
    "No programme": "無計畫",
    "Months since start": "開始後的月數",
    "Days since start": "開始後的天數",
    "Arm": "策略",
    "Label": "名稱",
    "Settings": "設定",
    "Setting": "設定",
    "Value": "數值",
    "Setup": "設定",
    "Headline findings": "主要發現",
    "Charts": "圖表",
    "Comparison": "比較",
    "Question.": "問題。",
    "Executive summary": "摘要",
    "Assumptions": "假設",
    "Experiment": "實驗",
    "Horizon": "模擬期間",
    "{days} days ({when})": "{days} 天（{when}）",
    "Arms": "策略數",
    "Reference arm": "參考策略",
    "Replicates per arm": "每個策略的模擬次數",
    "{n} (paired: common random numbers)": "{n}（配對：共用亂數）",
    "Root seed": "亂數種子",
    "Checkpoints": "檢查點",
    "Brand charted": "圖表中的品牌",
    "commsim version": "commsim 版本",
    "Compared with": "比較對象",
    "the same world without the programme": "同一情境但無計畫",
    "Factors": "因子",
    "Every arm": "所有策略",
    "Metric": "指標",
    "Day": "天",
    "Mean (95% CI)": "平均（95% 信賴區間）",
    "vs {reference} (95% CI)": "相對於 {reference}（95% 信賴區間）",
    "day {d}": "第 {d} 天",
    "reference": "參考",
    "{label}: mean, middle 50% of runs": "{label}：平均，中間 50% 的模擬",
    "Difference to {reference} (mean of pairs, 95% CI)": "與 {reference} 的差（配對平均，95% 信賴區間）",
    ", trailing 30 days": "，近 30 天",
    "{winner} overtakes\n{loser} after {when}\n(95% of {runs}: {interval} {unit})": (
        "{winner} 於{when}後\n超越 {loser}\n（95% 的{runs}：{interval} {unit}）"
    ),
    "Members (mean of runs)": "人數（模擬平均）",
    "Community members": "社群成員",
    "Active members (engaged in the last 30 days)": "活躍成員（近 30 天有互動）",
    "Line: mean of {n} replicates; shading: the middle 50% and 90% of them": (
        "線：{n} 次模擬的平均；陰影：中間 50% 與 90% 的模擬"
    ),
    "; grey dashes: no programme": "；灰色虛線：無計畫",
    "Dot: mean over {n} replicates; line: 95% bootstrap confidence interval": (
        "點：{n} 次模擬的平均；線：95% 自助法信賴區間"
    ),
}
