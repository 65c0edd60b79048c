// Package objgen generates valid inspection objects for benchmarks, row by
// row, in the column order of service.ImportColumns("OBJECTS"). It is a copy
// of demo's objectRow (demo does not export it), so a benchmark file looks
// like the demo libraries: 郑州/河南 companies and 经开区 shops built from 40
// brand words, valid 统一社会信用代码, 14 trades and 10 kinds of shop.
package objgen

import (
	"fmt"
	"math/rand/v2"
	"strings"

	"github.com/suiji-dev/suiji/service"
	"github.com/suiji-dev/suiji/uscc"
)

// ZoneRegion is the demo zone's division code (郑州经济技术开发区).
const ZoneRegion = "410171"

// Header is the canonical header of the objects import (14 columns).
func Header() []string {
	cols := service.ImportColumns("OBJECTS")
	out := make([]string, len(cols))
	for i, c := range cols {
		out[i] = c.Names[0]
	}
	return out
}

// Generator makes rows; the same seed gives the same rows.
type Generator struct {
	rng  *rand.Rand
	seen map[string]bool
}

// New returns a generator for seed.
func New(seed uint64) *Generator {
	return &Generator{rng: rand.New(rand.NewPCG(seed, 4754)), seen: map[string]bool{}}
}

// Exclude keeps uid out of the rows to come (an object already stored).
func (g *Generator) Exclude(uid string) { g.seen[uid] = true }

var (
	surnames = []rune("王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段雷钱汤尹黎易常武乔贺赖龚文")
	given    = []rune("伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红鹏辉建国新宇晨浩然博文思远佳琪梓涵子轩欣怡雨泽一鸣俊杰志强")
	// Brands are the brand words of the generated names.
	Brands = []string{"中原", "郑华", "鑫源", "宏达", "瑞丰", "金诺", "恒通", "华泰", "博远", "嘉禾", "正道", "天润", "豫兴", "德信",
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

func (g *Generator) personName() string {
	rng := g.rng
	n := 1 + rng.IntN(2)
	name := []rune{surnames[rng.IntN(len(surnames))]}
	for range n {
		name = append(name, given[rng.IntN(len(given))])
	}
	return string(name)
}

// Next makes one object row: uid, kind, name, legal representative,
// address, region, industry, registration status, risk class, tags,
// supervising departments, contact, phone, status. Uids never repeat
// (a repeated one, about 1 in 20,000 rows, is drawn again), so every row of
// a file is valid.
func (g *Generator) Next() ([]string, error) {
	for {
		row, err := g.next()
		if err != nil || !g.seen[row[0]] {
			if err == nil {
				g.seen[row[0]] = true
			}
			return row, err
		}
	}
}

func (g *Generator) next() ([]string, error) {
	rng := g.rng
	brand := Brands[rng.IntN(len(Brands))]
	if rng.IntN(3) == 0 {
		brand += Brands[rng.IntN(len(Brands))]
	}
	var uid, name, kind, industry, tags, rep string
	var err error
	rep = g.personName()
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
