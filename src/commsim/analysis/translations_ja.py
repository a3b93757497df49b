"""The Japanese of every fixed phrase of charts, reports and decks.

One language's table in its own module keeps :mod:`commsim.analysis.translations`, which
gathers the languages, short. Keys are the English text exactly as the code writes it;
placeholders in braces stay as they are.
"""

from __future__ import annotations

JA: dict[str, str] = {
    # Numbers and times
    " pts": "ポイント",
    "currency": "通貨",
    "{n} day": "{n}日",
    "{n} days": "{n}日",
    "{low} to {high}": "{low}〜{high}",
    "{n} month": "{n}か月",
    "{n} months": "{n}か月",
    "{level} CI": "{level}信頼区間",
    "months": "か月",
    "days": "日",
    "runs": "試行",
    "crossing runs": "逆転した試行",
    # Metrics: labels and units
    "community members": "コミュニティメンバー",
    "members": "人",
    "active members": "アクティブメンバー",
    "members engaged in last 30 days": "直近30日に反応したメンバー",
    "followers": "フォロワー",
    "organic reach": "オーガニックリーチ",
    "% of followers per post": "投稿あたりフォロワーの%",
    "organic impressions": "オーガニックインプレッション",
    "impressions": "インプレッション",
    "paid impressions": "有料インプレッション",
    "engagements": "エンゲージメント",
    "engagement rate": "エンゲージメント率",
    "% of impressions": "インプレッションの%",
    "shares": "シェア",
    "awareness": "認知率",
    "% of all members": "全メンバーの%",
    "attitude": "好意度",
    "favourable": "好意的",
    "% of aware members who like the brand": "ブランドを知る人のうち好意的な人の %",
    "mean of aware members: -100 hostile, 0 neutral, +100 devoted": (
        "認知者の平均：-100 反感、0 中立、+100 熱烈"
    ),
    "opinion leaders": "オピニオンリーダー",
    "purchases": "購入回数",
    "revenue": "売上",
    "cost": "コスト",
    "profit": "利益",
    "cumulative revenue": "累計売上",
    "cumulative profit": "累計利益",
    "return on investment": "投資収益率",
    "profit on cost, every sale credited": "費用に対する利益（全売上を計上）",
    "% of cumulative cost": "累計コストの%",
    "unfollows": "フォロー解除",
    "blocks": "ブロック",
    "block rate": "ブロック率",
    "% of friends since day 0": "day 0以降の友だちの%",
    "open rate": "開封率",
    "% of messages delivered": "配信メッセージの%",
    "programme still running": "施策の継続",
    "% of runs": "試行の%",
    "brand posts": "ブランド投稿",
    "posts": "投稿",
    "members reached": "リーチした人数",
    "members reached and aware": "リーチ後も認知している人数",
    "members reached who bought": "リーチ後に購入した人数",
    "members engaged": "反応した人数",
    "members aware": "認知している人数",
    "buyers": "購入者",
    "members who ever bought": "購入経験者",
    "repeat purchases": "リピート購入",
    "purchases switched from rivals": "競合からの乗り換え購入",
    "purchases new to the brand": "新規購入",
    "category purchases": "カテゴリー購入回数",
    "content cost": "コンテンツ費",
    "ad cost": "広告費",
    "leader cost": "インフルエンサー費",
    "reply cost": "返信対応費",
    "giveaway cost": "プレゼント費",
    "community management cost": "コミュニティ運営費",
    "message cost": "メッセージ費",
    "spending held back by the budget": "予算で見送った支出",
    "spending held back by the budget, cumulative": "予算で見送った支出（累計）",
    "ROI above the baseline share": "基準シェアを超える投資収益率",
    "incremental revenue": "増分売上",
    "currency, cumulative, vs no programme": "通貨、累計、施策なしとの差",
    "incremental profit": "増分利益",
    "incremental ROI": "増分投資収益率",
    "% of programme cost, vs no programme": "施策コストの%、施策なしとの差",
    # Findings
    "No clear difference in {metric} after {when}: {arm} mean {value} vs {other_value} for "
    "{other} ({gap}, {ci} {interval})": (
        "{when}後の{metric}に明確な差なし：{arm}は平均{value}、{other}は{other_value}"
        "（差{gap}、{ci} {interval}）"
    ),
    "No crossover in {metric} within {span}: the arms end level": (
        "{span}以内に{metric}の逆転なし：各施策は同水準で終了"
    ),
    "{winner} overtakes {loser} in {metric} after {when} in {runs} of {n} runs (95% of those: "
    "{spread})": (
        "{winner}は{n}回中{runs}回の試行で{when}後に{metric}で{loser}を逆転（その95%：{spread}）"
    ),
    "{first} loses least in {metric} (mean) at {when}; {last} from {since} on": (
        "{when}時点では{first}の{metric}の損失が最小（平均）、{since}以降は{last}"
    ),
    "{first} has the highest mean {metric} at {when}; {last} from {since} on": (
        "{when}時点では{first}の平均{metric}が最高、{since}以降は{last}"
    ),
    "{arm} is clearly ahead of {reference} in {metric} {since}: {final} on average after "
    "{span} ({ci} {interval})": (
        "{arm}は{since}{metric}で{reference}を明確に上回る：{span}後の平均{final}（{ci} {interval}）"
    ),
    "{arm} is clearly behind {reference} in {metric} {since}: {final} on average after {span} "
    "({ci} {interval})": (
        "{arm}は{since}{metric}で{reference}を明確に下回る：{span}後の平均{final}（{ci} {interval}）"
    ),
    "{Factor} moves {metric} most after {when}: {best} for {factor} {best_level} vs {worst} "
    "for {worst_level} (mean over the other factors)": (
        "{when}後の{metric}を最も動かすのは{Factor}：{factor} {best_level}で{best}、"
        "{worst_level}で{worst}（他の要因は平均）"
    ),
    "No {metric} to show": "表示する{metric}なし",
    "{Metric} reaches a mean of {value} after {when} ({ci} {interval})": (
        "{when}後の{Metric}は平均{value}（{ci} {interval}）"
    ),
    "{arm} loses least in {metric} after {when}: mean {value}": (
        "{when}後、{arm}の{metric}の損失が最小：平均{value}"
    ),
    "{arm} ends highest in {metric} after {when}: mean {value}": (
        "{when}後、{arm}の{metric}が最高：平均{value}"
    ),
    "{arm} loses least in {metric} after {when}: mean {value} vs {other_value} for {other} "
    "({gap}, {ci} {interval})": (
        "{when}後、{arm}の{metric}の損失が最小：平均{value}、{other}は{other_value}"
        "（差{gap}、{ci} {interval}）"
    ),
    "{arm} ends highest in {metric} after {when}: mean {value} vs {other_value} for {other} "
    "({gap}, {ci} {interval})": (
        "{when}後、{arm}の{metric}が最高：平均{value}、{other}は{other_value}"
        "（差{gap}、{ci} {interval}）"
    ),
    "No crossover to report: the experiment has a single arm": "逆転なし：施策が1つの実験です",
    "; {arm} comes closest": "、{arm}が最も近い",
    "{winner} overtakes {loser} in {metric} after {when} (95% of runs: {spread})": (
        "{winner}は{when}後に{metric}で{loser}を逆転（試行の95%：{spread}）"
    ),
    "No checkpoints to compare in {metric}": "{metric}を比較するチェックポイントなし",
    "{arm} loses least in {metric} (mean) at {count}": "{count}で{arm}の{metric}の損失が最小（平均）",
    "{arm} has the highest mean {metric} at {count}": "{count}で{arm}の平均{metric}が最高",
    "No arm to compare with {reference}": "{reference}と比較する施策なし",
    "No clear difference in {metric} between {arm} and {reference} after {span}: {final} on "
    "average ({ci} {interval})": (
        "{span}後、{arm}と{reference}の{metric}に明確な差なし：平均{final}（{ci} {interval}）"
    ),
    "from the start": "開始時から",
    "from {when} on": "{when}以降",
    "No factors to compare in {metric}": "{metric}を比較する要因なし",
    "{arm} stays ahead of {reference} in {metric} for all {span}": (
        "{arm}は{span}を通じて{metric}で{reference}を上回る"
    ),
    "No crossover within {span}: {arms} stays ahead of {reference} in {metric}": (
        "{span}以内に逆転なし：{arms}が{metric}で{reference}を上回り続ける"
    ),
    "No crossover within {span}: {arms} stay ahead of {reference} in {metric}": (
        "{span}以内に逆転なし：{arms}が{metric}で{reference}を上回り続ける"
    ),
    "every other arm": "他のすべての施策",
    "No crossover within {span}: {reference} stays ahead of {arms} in {metric}": (
        "{span}以内に逆転なし：{reference}が{metric}で{arms}を上回り続ける"
    ),
    "the only checkpoint": "唯一のチェックポイント",
    "all {n} checkpoints": "全{n}チェックポイント",
    "No arm overtakes {reference} in {metric} within {span}": (
        "{span}以内に{metric}で{reference}を逆転する施策なし"
    ),
    "; the other arms stay behind it": "、他の施策は下回ったまま",
    # What the programme adds
    "pays back within {span} in only {runs} of {n} runs": "{span}以内の投資回収は{n}回中{runs}回のみ",
    "No clear gain within {span}: {arm} ends at {value} against no programme (mean; 95% CI "
    "{interval})": (
        "{span}以内に明確な利益なし：{arm}は施策なし比{value}（平均、95%信頼区間 {interval}）"
    ),
    "Over {span}, {arm} adds {value} of profit against no programme (mean of runs; 95% CI "
    "{interval}).": (
        "{span}で、{arm}は施策なしより利益を{value}増やす（試行の平均、95%信頼区間 {interval}）。"
    ),
    "Over {span}, {arm} loses {value} of profit against no programme (mean of runs; 95% CI "
    "{interval}).": (
        "{span}で、{arm}は施策なしより利益を{value}減らす（試行の平均、95%信頼区間 {interval}）。"
    ),
    "{arm} adds the most purchases over {span}: {total} more than with no programme (mean), "
    "{share} of them {origin}": (
        "{span}で購入を最も増やすのは{arm}：施策なしより{total}回多く（平均）、その{share}が{origin}"
    ),
    "{arm} spends the most over {span}: {total} (mean of runs), {share} of it on {item}": (
        "{span}で最も費用がかかるのは{arm}：{total}（試行の平均）、その{share}が{item}"
    ),
    "No strategy clearly adds buyers after {span}: the best, {arm}, {value} against no "
    "programme (mean; 95% CI {interval})": (
        "{span}後に購入者を明確に増やす施策なし：最良の{arm}で施策なし比{value}"
        "（平均、95%信頼区間 {interval}）"
    ),
    "has no payback recorded": "投資回収の記録なし",
    "does not pay back within {span}": "{span}以内に投資回収できない",
    "pays back after {when} (95% of runs: {spread})": "{when}後に投資回収（試行の95%：{spread}）",
    "pays back after {when} in {runs} of {n} runs (95% of those: {spread})": (
        "{n}回中{runs}回の試行で{when}後に投資回収（その95%：{spread}）"
    ),
    "No incremental profit to show": "表示する増分利益なし",
    "{arm} pays: {value} profit against no programme after {span} (mean; 95% CI {interval}); "
    "it {payback}": (
        "{arm}は採算が合う：{span}後の利益は施策なし比{value}（平均、95%信頼区間 {interval}）、"
        "{payback}"
    ),
    "No strategy pays within {span}: the best, {arm}, ends at {value} against no programme "
    "(mean; 95% CI {interval})": (
        "{span}以内に採算の合う施策なし：最良の{arm}でも施策なし比{value}（平均、95%信頼区間 {interval}）"
    ),
    "{arm} {payback}.": "{arm}は{payback}。",
    "No purchases to split by origin": "由来別に分ける購入なし",
    "No strategy adds purchases over {span}: the best, {arm}, sells {total} against no "
    "programme (mean)": "{span}で購入を増やす施策なし：最良の{arm}で施策なし比{total}（平均）",
    "The programme costs nothing in any arm": "どの施策にもコストなし",
    "No buyers to compare": "比較する購入者なし",
    "{arm} wins the most buyers: {value} against no programme after {span} (mean; 95% CI "
    "{interval})": (
        "購入者を最も増やすのは{arm}：{span}後に施策なし比{value}（平均、95%信頼区間 {interval}）"
    ),
    "{arm} does not pay within {span}: {value} against no programme (mean; 95% CI {interval})": (
        "{arm}は{span}以内に採算が合わない：施策なし比{value}（平均、95%信頼区間 {interval}）"
    ),
    "{arm} pays for itself within {span}.": "{arm}は{span}以内に投資回収できる。",
    "{arm} is the best of the {n} strategies: it adds the most profit against doing nothing "
    "over {span}.": "{n}つの施策のうち最良は{arm}：{span}で何もしない場合より利益を最も増やす。",
    "No strategy clearly pays within {span}; {arm} comes closest.": (
        "{span}以内に明確に採算の合う施策なし。最も近いのは{arm}。"
    ),
    "{arm} {payback}; {best} does not.": "{arm}は{payback}。{best}は回収できない。",
    "No strategy pays back within {span} (payback: the first day from which profit stays above "
    "the world without the programme).": (
        "{span}以内に投資回収できる施策なし（投資回収：利益が施策なしの場合を上回り続ける最初の日）。"
    ),
    "The answer": "結論",
    "When it pays": "投資回収の時期",
    "How much": "金額",
    "{arm} does not pay for itself within {span}.": "{arm}は{span}以内に投資回収できない。",
    "None of the {n} strategies pays for itself within {span}; {arm} loses least.": (
        "{n}つの施策はいずれも{span}以内に投資回収できない。損失が最も小さいのは{arm}。"
    ),
    "switched from rivals": "競合からの乗り換え",
    "new to the brand": "新規顧客",
    "content": "コンテンツ",
    "community management": "コミュニティ運営",
    "replies": "返信対応",
    "ads": "広告",
    "giveaways": "プレゼント",
    "messages": "メッセージ",
    "Reached": "リーチ",
    "Engaged": "反応",
    "Aware": "認知",
    "Bought": "購入",
    "of reached": "（リーチ比）",
    "of aware": "（認知者比）",
    "of the market": "（市場比）",
    # Assumptions
    "No claims audit in this folder: the scenario's key settings, with the sources their "
    "parameters declare": "このフォルダに主張監査はありません：シナリオの主要設定とパラメータの出典",
    "Source": "出典",
    "Currency": "通貨",
    "Platform": "プラットフォーム",
    "Market": "市場",
    "{market} people, simulated by {members} members (1 stands for {scale})": (
        "{market}人を{members}人のメンバーで模擬（1人が{scale}人を代表）"
    ),
    "The assumptions that decide the answer, from {file} ({columns})": (
        "結論を左右する仮定（{file}より、{columns}）"
    ),
    "not given": "記載なし",
    "the experiment's own figure (its base, arms or brand profile)": "実験ファイル独自の値（base、施策またはブランドプロフィール）",
    # Deck and report
    "After {when}: mean (95% CI) per arm; below it, the paired difference to {reference} "
    "(95% CI)": "{when}後：施策ごとの平均（95%信頼区間）、下段は{reference}との対応差（95%信頼区間）",
    "{arms} arms, {n} paired replicates each, {horizon} simulated; seed {seed}": (
        "{arms}施策、各{n}回の対応のある試行、{horizon}を模擬、乱数シード{seed}"
    ),
    "Assumptions: the platform, the market and what decides the answer": (
        "仮定：プラットフォーム、市場、結論を左右するもの"
    ),
    "Chart file": "グラフファイル",
    "Source: commsim {version} simulation, experiment '{name}', {n} replicates per arm, {seed}; "
    "brand '{brand}'": "出典：commsim {version} シミュレーション、実験「{name}」、施策ごとに{n}回の試行、{seed}、ブランド「{brand}」",
    "seed {seed}": "乱数シード{seed}",
    "no seed": "乱数シードの記録なし",
    "Purchases over {span} beyond the same run without the programme (mean of runs; lines: "
    "95% CI)": "{span}で同じ試行の施策なしを上回る購入回数（試行の平均、線：95%信頼区間）",
    "no programme": "施策なし",
    "Programme cost over {span} ({currency}, mean of runs)": "{span}の施策コスト（{currency}、試行の平均）",
    "{arm} ends with the most buyers after {span}: mean {value}": (
        "{span}後、購入者が最も多いのは{arm}：平均{value}"
    ),
    "People after {span} (mean of runs; market: {market})": "{span}後の人数（試行の平均、市場：{market}）",
    "Reached, engaged: ever shown, or ever engaged with, a post by or about the brand (members' "
    "shares and leaders' posts too). Aware, bought: of those reached, who know the brand now and "
    "who have bought it since. Grey: the same world without the programme": (
        "リーチ・反応：ブランドの投稿またはブランドに関する投稿（メンバーのシェアやリーダーの投稿を含む）を"
        "見た・反応したことがある人。認知・購入：リーチした人のうち、現在ブランドを知っている人と、"
        "その後購入した人。灰色：施策なしの同じ世界"
    ),
    "95% of runs": "試行の95%",
    "{k} of {n} runs": "{n}回中{k}回",
    "{arm} pays back\nafter {when} ({runs}: {spread})": "{arm}は{when}後に\n投資回収（{runs}：{spread}）",
    "{origin} (no programme: {world})": "{origin}（施策なし：{world}）",
    "; no arm pays back within the horizon": "、期間内に投資回収できる施策なし",
    "No programme": "施策なし",
    "Months since start": "開始からの月数",
    "Days since start": "開始からの日数",
    "Arm": "施策",
    "Label": "名称",
    "Settings": "設定",
    "Setting": "設定",
    "Value": "値",
    "Setup": "設定",
    "Headline findings": "主な結果",
    "Charts": "グラフ",
    "Comparison": "比較",
    "Question.": "問い。",
    "Executive summary": "エグゼクティブサマリー",
    "Assumptions": "仮定",
    "Experiment": "実験",
    "Horizon": "期間",
    "{days} days ({when})": "{days}日（{when}）",
    "Arms": "施策数",
    "Reference arm": "基準施策",
    "Replicates per arm": "施策ごとの試行回数",
    "{n} (paired: common random numbers)": "{n}（対応あり：共通乱数）",
    "Root seed": "乱数シード",
    "Checkpoints": "チェックポイント",
    "Brand charted": "対象ブランド",
    "commsim version": "commsim バージョン",
    "Compared with": "比較対象",
    "the same world without the programme": "施策なしの同じ世界",
    "Factors": "要因",
    "Every arm": "全施策共通",
    "Metric": "指標",
    "Day": "日",
    "Mean (95% CI)": "平均（95%信頼区間）",
    "vs {reference} (95% CI)": "{reference}との差（95%信頼区間）",
    "day {d}": "{d}日目",
    "reference": "基準",
    "{label}: mean, middle 50% of runs": "{label}：平均、試行の中央50%",
    "Difference to {reference} (mean of pairs, 95% CI)": "{reference}との差（対応差の平均、95%信頼区間）",
    ", trailing 30 days": "、直近30日",
    "{winner} overtakes\n{loser} after {when}\n(95% of {runs}: {interval} {unit})": (
        "{winner}が{when}後に\n{loser}を逆転\n（{runs}の95%：{interval}{unit}）"
    ),
    "Members (mean of runs)": "人数（試行の平均）",
    "Community members": "コミュニティメンバー",
    "Active members (engaged in the last 30 days)": "アクティブメンバー（直近30日に反応）",
    "Line: mean of {n} replicates; shading: the middle 50% and 90% of them": (
        "線：{n}回の試行の平均、影：その中央50%と90%"
    ),
    "; grey dashes: no programme": "、灰色の破線：施策なし",
    "Dot: mean over {n} replicates; line: 95% bootstrap confidence interval": (
        "点：{n}回の試行の平均、線：95%ブートストラップ信頼区間"
    ),
}
