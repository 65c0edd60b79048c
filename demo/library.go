package demo

import (
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"strings"

	"github.com/suiji-dev/suiji/db"
	"github.com/suiji-dev/suiji/fault"
	"github.com/suiji-dev/suiji/identity"
	"github.com/suiji-dev/suiji/service"
	"github.com/suiji-dev/suiji/tabular"
	"github.com/suiji-dev/suiji/uscc"
)

// ZoneRegion is the administrative division code of the demo zone
// (郑州经济技术开发区).
const ZoneRegion = "410171"

// Tag is one demo tag.
type Tag struct{ Scope, Code, Name string }

// Tags label objects and inspectors in the demo.
var Tags = []Tag{
	{db.TagObject, "FOOD", "食品经营"}, {db.TagObject, "CATERING", "餐饮服务"},
	{db.TagObject, "SPECIAL-EQUIP", "特种设备使用"}, {db.TagObject, "ONLINE", "网络交易"},
	{db.TagObject, "HAZCHEM", "危险化学品"}, {db.TagObject, "MED-DEVICE", "医疗器械经营"},
	{db.TagObject, "KEY-PRODUCT", "重点工业产品"}, {db.TagObject, "CAMPUS", "校园周边"},
	{db.TagQualification, "LAW-ENF", "行政执法证"}, {db.TagQualification, "FOOD-SAFETY", "食品安全执法"},
	{db.TagQualification, "SPECIAL-EQUIP", "特种设备安全监察"}, {db.TagQualification, "FIRE", "消防监督检查"},
	{db.TagQualification, "ENV", "环境监察"}, {db.TagQualification, "METROLOGY", "计量监督"},
	{db.TagExpertise, "FOOD", "食品"}, {db.TagExpertise, "EQUIP", "特种设备"}, {db.TagExpertise, "FIRE", "消防"},
	{db.TagExpertise, "ENV", "环保"}, {db.TagExpertise, "BUILD", "建筑施工"}, {db.TagExpertise, "PRICE", "价格"},
	{db.TagExpertise, "ONLINE", "网络交易"}, {db.TagExpertise, "LABOUR", "劳动保障"}, {db.TagExpertise, "TAX", "税务"},
}

// itemRows are item lists modelled on published ones: department, code,
// name, basis, subject, object kinds, content, method, category, cap (%),
// qualifications.
var itemRows = [][]string{
	{"SCJG", "SCJG-001", "企业公示信息的抽查", "《企业信息公示暂行条例》第十四条；《企业公示信息抽查暂行办法》第六条", "市场监管局", "企业；个体工商户", "企业年度报告公示信息、即时公示信息的真实性", "书面检查", "一般", "3", "行政执法证"},
	{"SCJG", "SCJG-002", "食品经营者的监督检查", "《中华人民共和国食品安全法》第一百一十条", "市场监管局", "企业；个体工商户", "经营条件、进货查验、食品贮存、标签标识", "实地核查", "重点", "", "行政执法证；食品安全执法"},
	{"SCJG", "SCJG-003", "特种设备使用单位的监督检查", "《中华人民共和国特种设备安全法》第五十七条", "市场监管局", "企业", "使用登记、定期检验、作业人员持证、安全管理制度", "实地核查", "重点", "", "行政执法证；特种设备安全监察"},
	{"SCJG", "SCJG-004", "工业产品质量的监督抽查", "《中华人民共和国产品质量法》第十五条", "市场监管局", "产品", "按产品标准抽样检验", "委托检验检测", "重点", "", "行政执法证"},
	{"SCJG", "SCJG-005", "网络交易经营者的检查", "《中华人民共和国电子商务法》第十五条；《网络交易监督管理办法》", "市场监管局", "企业；个体工商户", "主体信息公示、交易规则、消费者权益保护", "网络监测", "一般", "5", "行政执法证"},
	{"SCJG", "SCJG-006", "计量器具的监督检查", "《中华人民共和国计量法》第九条", "市场监管局", "企业；个体工商户", "强制检定计量器具的检定情况", "实地核查", "一般", "5", "行政执法证；计量监督"},
	{"HBJ", "HBJ-001", "排污单位的监督检查", "《中华人民共和国环境保护法》第二十四条；《排污许可管理条例》第二十九条", "环保局", "企业", "排污许可执行、污染防治设施运行、自行监测", "实地核查", "重点", "", "行政执法证；环境监察"},
	{"HBJ", "HBJ-002", "建设项目环境影响评价的检查", "《中华人民共和国环境影响评价法》", "环保局", "工程项目", "环评审批、“三同时”落实", "书面检查", "一般", "10", "行政执法证；环境监察"},
	{"XFDD", "XFDD-001", "公众聚集场所消防安全检查", "《中华人民共和国消防法》第五十三条", "消防大队", "企业；个体工商户", "消防设施、疏散通道、安全出口、消防安全管理", "实地核查", "重点", "", "行政执法证；消防监督检查"},
	{"RSLDJ", "RSLDJ-001", "用人单位遵守劳动保障法律法规情况的检查", "《劳动保障监察条例》第十一条", "人事劳动局", "企业；个体工商户", "劳动合同、工资支付、社会保险、工时休假", "书面检查", "一般", "5", "行政执法证"},
	{"JSJ", "JSJ-001", "建筑施工安全生产的检查", "《中华人民共和国建筑法》第四十五条；《建设工程安全生产管理条例》", "建设局", "工程项目", "安全生产许可、施工现场安全管理", "实地核查", "重点", "", "行政执法证"},
	{"SQJ", "SQJ-001", "公共场所卫生的检查", "《公共场所卫生管理条例》第三条", "社区局", "企业；个体工商户", "卫生许可证、从业人员健康证明、卫生状况", "实地核查", "一般", "10", "行政执法证"},
	{"SWFJ", "SWFJ-001", "发票使用情况的检查", "《中华人民共和国发票管理办法》第三十条", "税务分局", "企业；个体工商户", "发票领用、开具、保管", "书面检查", "一般", "5", "行政执法证"},
	{"TJJ", "TJJ-001", "统计调查对象统计数据质量的检查", "《中华人民共和国统计法》第三十三条", "统计局", "企业", "统计台账、原始记录与报送数据的一致性", "书面检查", "一般", "5", "行政执法证"},
	{"SWJ", "SWJ-001", "单用途商业预付卡的检查", "《单用途商业预付卡管理办法（试行）》第三十四条", "商务局", "企业", "备案、资金存管、信息报送", "书面检查", "一般", "5", "行政执法证"},
	{"CSGLJ", "CSGLJ-001", "户外广告设置的检查", "《城市市容和环境卫生管理条例》第十一条", "城市管理局", "企业；个体工商户", "户外广告设施设置审批与安全", "实地核查", "一般", "10", "行政执法证"},
}

// inspectorCounts is how many inspectors each demo department has.
var inspectorCounts = map[string]int{"SCJG": 24, "HBJ": 10, "XFDD": 10, "JSJ": 8, "RSLDJ": 6, "SQJ": 6, "SWFJ": 6, "TJJ": 4, "SWJ": 4, "CSGLJ": 6}

// deptQualifications are the qualifications of a department's officers
// besides the enforcement certificate.
var deptQualifications = map[string][]string{"SCJG": {"食品安全执法", "特种设备安全监察", "计量监督"}, "HBJ": {"环境监察"}, "XFDD": {"消防监督检查"}}

// LibraryOptions size the demo libraries.
type LibraryOptions struct {
	Objects int // 0 skips objects
}

// SeedLibraries creates the demo tags, item lists, inspectors and objects
// that are missing. Bulk data goes through the import pipeline, as a real
// office's would: validated, batched and audited once per file.
func SeedLibraries(ctx context.Context, svc *service.Service, opts LibraryOptions, log io.Writer) error {
	ctx = identity.With(ctx, identity.System())
	if err := seedTags(ctx, svc); err != nil {
		return err
	}
	if err := importRows(ctx, svc, "ITEMS", itemRows, log); err != nil {
		return err
	}
	if err := importRows(ctx, svc, "INSPECTORS", inspectorRows(), log); err != nil {
		return err
	}
	if opts.Objects > 0 {
		return SeedObjects(ctx, svc, opts.Objects, 2026, log)
	}
	return nil
}

func seedTags(ctx context.Context, svc *service.Service) error {
	for _, t := range Tags {
		_, err := svc.CreateTag(ctx, t.Scope, t.Code, t.Name, "")
		if err != nil && !fault.Is(err, fault.Conflict) { // there already: seeding twice changes nothing
			return fmt.Errorf("tag %s: %w", t.Code, err)
		}
	}
	return nil
}

func inspectorRows() [][]string {
	rng := rand.New(rand.NewPCG(2026, 11))
	var rows [][]string
	for _, d := range Departments {
		n := inspectorCounts[d.Code]
		for i := 1; i <= n; i++ {
			kind, org := "执法人员", ""
			if i > n-2 && n >= 8 {
				kind, org = "专家", "河南省产品质量检验技术研究院"
			}
			quals := []string{"行政执法证"}
			if q := deptQualifications[d.Code]; len(q) > 0 {
				quals = append(quals, q[i%len(q)])
			}
			expiry := fmt.Sprintf("%d-%02d-%02d", 2027+rng.IntN(4), 1+rng.IntN(12), 1+rng.IntN(28))
			rows = append(rows, []string{
				fmt.Sprintf("%s-%03d", d.Code, i), personName(rng), d.Name, kind, org,
				fmt.Sprintf("豫%s%06d", d.Code[:1], rng.IntN(1000000)), expiry, strings.Join(quals, "；"),
				expertiseOf(d.Code), ZoneRegion, fmt.Sprintf("1%02d%08d", 30+rng.IntN(60), rng.IntN(100000000)), "在岗", "",
			})
		}
	}
	return rows
}

func expertiseOf(dept string) string {
	switch dept {
	case "SCJG":
		return "食品；特种设备；网络交易"
	case "HBJ":
		return "环保"
	case "XFDD":
		return "消防"
	case "JSJ":
		return "建筑施工"
	case "RSLDJ":
		return "劳动保障"
	case "SWFJ":
		return "税务"
	}
	return ""
}

var (
	surnames = []rune("王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段雷钱汤尹黎易常武乔贺赖龚文")
	given    = []rune("伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红鹏辉建国新宇晨浩然博文思远佳琪梓涵子轩欣怡雨泽一鸣俊杰志强")
	brands   = []string{"中原", "郑华", "鑫源", "宏达", "瑞丰", "金诺", "恒通", "华泰", "博远", "嘉禾", "正道", "天润", "豫兴", "德信",
		"鼎盛", "锦程", "新航", "永辉", "盛世", "东方", "卓越", "汇通", "嵩山", "黄河", "绿城", "龙湖", "祥和", "安泰", "富康", "启明",
		"明达", "兴业", "利民", "九鼎", "中兴", "航海", "经开", "港区", "商都", "信合"}
	trades = []struct{ word, industry, tags string }{
		{"食品", "F5122", "食品经营"}, {"餐饮管理", "H6210", "餐饮服务；食品经营"}, {"机械制造", "C3429", "特种设备使用；重点工业产品"},
		{"汽车零部件", "C3670", "重点工业产品"}, {"商贸", "F5211", ""}, {"电子商务", "I6432", "网络交易"}, {"化工", "C2614", "危险化学品"},
		{"医疗器械", "F5174", "医疗器械经营"}, {"物流", "G5438", "特种设备使用"}, {"建筑工程", "E4890", ""},
		{"科技", "I6513", ""}, {"电气设备", "C3821", "重点工业产品"}, {"家具", "C2110", ""}, {"印刷", "C2319", "危险化学品"},
	}
	shops = []struct{ word, industry, tags string }{
		{"烩面馆", "H6210", "餐饮服务；食品经营"}, {"便利店", "F5292", "食品经营"}, {"超市", "F5212", "食品经营"},
		{"五金店", "F5243", ""}, {"理发店", "O8010", ""}, {"手机维修部", "O8122", ""}, {"烧烤店", "H6210", "餐饮服务；食品经营；校园周边"},
		{"文具店", "F5241", "校园周边"}, {"药店", "F5251", "医疗器械经营"}, {"网店", "I6432", "网络交易"},
	}
	streets = []string{"第八大街", "经开第三大街", "航海东路", "经南五路", "经北一路", "第九大街", "经开第十五大街", "浔江东路", "朝凤路", "锦荣路"}
)

func personName(rng *rand.Rand) string {
	n := 1 + rng.IntN(2)
	name := []rune{surnames[rng.IntN(len(surnames))]}
	for range n {
		name = append(name, given[rng.IntN(len(given))])
	}
	return string(name)
}

// SeedObjects imports n generated objects with valid codes (deterministic
// for a seed), in files of 50,000 rows.
func SeedObjects(ctx context.Context, svc *service.Service, n int, seed uint64, log io.Writer) error {
	ctx = identity.With(ctx, identity.System())
	rng := rand.New(rand.NewPCG(seed, 4754))
	const perFile = 50000
	for start := 0; start < n; start += perFile {
		count := min(perFile, n-start)
		rows := make([][]string, 0, count)
		for i := 0; i < count; i++ {
			row, err := objectRow(rng, start+i)
			if err != nil {
				return err
			}
			rows = append(rows, row)
		}
		if err := importRows(ctx, svc, "OBJECTS", rows, log); err != nil {
			return err
		}
	}
	return nil
}

// objectRow makes one object in the import's column order.
func objectRow(rng *rand.Rand, i int) ([]string, error) {
	brand := brands[rng.IntN(len(brands))]
	if rng.IntN(3) == 0 {
		brand += brands[rng.IntN(len(brands))]
	}
	var uid, name, kind, industry, tags, rep string
	var err error
	rep = personName(rng)
	if rng.IntN(10) < 7 {
		t := trades[rng.IntN(len(trades))]
		uid, err = uscc.Generate(rng, '9', '1', ZoneRegion)
		name = fmt.Sprintf("郑州%s%s有限公司", brand, t.word)
		if rng.IntN(4) == 0 {
			name = fmt.Sprintf("河南%s%s股份有限公司", brand, t.word)
		}
		kind, industry, tags = "企业", t.industry, t.tags
	} else {
		s := shops[rng.IntN(len(shops))]
		uid, err = uscc.Generate(rng, '9', '2', ZoneRegion)
		name = fmt.Sprintf("郑州经济技术开发区%s%s", brand, s.word)
		kind, industry, tags = "个体工商户", s.industry, s.tags
	}
	if err != nil {
		return nil, err
	}
	risk := "A"
	switch r := rng.IntN(100); {
	case r < 2:
		risk = "D"
	case r < 10:
		risk = "C"
	case r < 40:
		risk = "B"
	}
	depts := []string{"市场监管局"}
	if strings.Contains(tags, "危险化学品") {
		depts = append(depts, "环保局", "消防大队")
	}
	if strings.Contains(tags, "餐饮服务") && rng.IntN(2) == 0 {
		depts = append(depts, "消防大队")
	}
	if industry == "E4890" {
		depts = append(depts, "建设局")
	}
	address := fmt.Sprintf("河南省郑州市经济技术开发区%s%d号", streets[rng.IntN(len(streets))], 1+rng.IntN(300))
	phone := fmt.Sprintf("1%02d%08d", 30+rng.IntN(60), rng.IntN(100000000))
	return []string{uid, kind, name, rep, address, ZoneRegion, industry, "存续", risk, tags,
		strings.Join(depts, "；"), rep, phone, "有效"}, nil
}

// importRows writes rows under the kind's canonical header to a temporary
// CSV and imports it.
func importRows(ctx context.Context, svc *service.Service, kind string, rows [][]string, log io.Writer) error {
	f, err := os.CreateTemp("", "suiji-demo-*.csv")
	if err != nil {
		return err
	}
	defer os.Remove(f.Name())
	w, err := tabular.NewCSVWriter(f, headerOf(kind))
	if err != nil {
		return err
	}
	for _, r := range rows {
		if err := w.Write(r); err != nil {
			return err
		}
	}
	if err := w.Close(); err != nil {
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	job, err := svc.ImportFile(ctx, service.ImportRequest{Kind: kind, FileName: "demo-" + strings.ToLower(kind) + ".csv"}, f.Name())
	if err != nil {
		return fmt.Errorf("import demo %s: %w", strings.ToLower(kind), err)
	}
	if job.Status != db.ImportSucceeded || job.RejectedCount > 0 {
		return fmt.Errorf("import demo %s: %s", strings.ToLower(kind), job.Message)
	}
	fmt.Fprintf(log, "demo %s: %s\n", strings.ToLower(kind), job.Message)
	return nil
}

func headerOf(kind string) []string {
	cols := service.ImportColumns(kind)
	out := make([]string, len(cols))
	for i, c := range cols {
		out[i] = c.Names[0]
	}
	return out
}
