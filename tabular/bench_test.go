package tabular

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"runtime/metrics"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/suiji-dev/suiji/uscc"
)

// The benchmarks read a 100,000-row × 12-column list of market entities
// with realistic Chinese values, generated once per benchmark in a temp
// dir, and report:
//
//	rows/s        rows returned by Next per second
//	peak-heap-MB  the largest Go heap in use (live and not yet swept
//	              objects plus fragmentation: MemStats.HeapInuse), sampled
//	              every millisecond while reading
//	peak-RSS-MB   the process's resident-set high-water mark (VmHWM) while
//	              reading: the generator's memory is released and the mark
//	              reset (/proc/self/clear_refs) first; -1 where Linux does
//	              not allow the reset
//
// Run: go test -run XXX -bench 'Read(XLSX|CSV)100k' -benchtime 3x ./tabular/

const benchRows = 100000

var benchHeader = []string{"统一社会信用代码", "企业名称", "法定代表人", "联系电话", "住所", "所属区域",
	"行业类别", "登记机关", "成立日期", "注册资本（万元）", "经营范围", "检查事项"}

// benchRow returns row i (0-based) of the generated list. Dates and
// capital are numbers, as in a real register.
func benchRow(i int) (text []string, date, capital string) {
	surnames := []string{"王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "林", "郑"}
	given := []string{"伟", "芳", "娜", "秀英", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛"}
	districts := []string{"鼓楼区", "台江区", "仓山区", "马尾区", "晋安区", "长乐区", "闽侯县", "连江县", "罗源县", "闽清县", "永泰县", "福清市"}
	trades := []string{"批发和零售业", "住宿和餐饮业", "制造业", "租赁和商务服务业", "科学研究和技术服务业", "居民服务业"}
	scopes := []string{
		"食品销售；餐饮服务；食品互联网销售；酒类经营（依法须经批准的项目，经相关部门批准后方可开展经营活动）",
		"一般项目：日用百货销售；五金产品零售；家用电器销售；电子产品销售；化妆品零售；服装服饰零售",
		"许可项目：药品零售；第三类医疗器械经营。一般项目：第二类医疗器械销售；保健食品（预包装）销售",
		"特种设备安装改造修理；建设工程施工；电气安装服务；机械设备租赁；普通机械设备安装服务",
	}
	checks := []string{"食品安全；价格", "广告、计量", "产品质量；特种设备", "药品、医疗器械；价格"}
	code, err := uscc.Make('9', '1', "350102", fmt.Sprintf("MA%06d", i))
	if err != nil {
		panic(err)
	}
	d := districts[i%len(districts)]
	return []string{
		code,
		fmt.Sprintf("福州%s%s记%d商贸有限公司", d, surnames[i%12], i),
		surnames[(i/7)%12] + given[(i/3)%len(given)],
		fmt.Sprintf("1%02d%08d", 30+i%60, i),
		fmt.Sprintf("福建省福州市%s五四路%d号%d室", d, i%999+1, i%30+101),
		d,
		trades[i%len(trades)],
		"福州市" + d + "市场监督管理局",
		"", "",
		scopes[i%len(scopes)],
		checks[i%len(checks)],
	}, strconv.Itoa(36526 + i%9000), strconv.Itoa(10 + i%5000)
}

// writeBenchXLSX writes the list as Excel does: strings in the shared
// string table, date and capital as numbers.
func writeBenchXLSX(path string) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	defer f.Close()
	bw := bufio.NewWriter(f)
	var b sheetRows
	err = xlsxBook(bw, &b, testSheet{name: "名单", stream: func(w io.Writer) error {
		sw := bufio.NewWriter(w)
		b.row(sw, 1, benchHeader)
		for i := range benchRows {
			text, date, capital := benchRow(i)
			text[8], text[9] = "#d:"+date, "#n:"+capital
			b.row(sw, i+2, text)
		}
		return sw.Flush()
	}})
	if err != nil {
		return err
	}
	return bw.Flush()
}

// writeBenchXLSXSuiji writes the list with XLSXWriter: inline strings.
func writeBenchXLSXSuiji(path string) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	defer f.Close()
	w, err := NewXLSXWriter(f, "名单", benchHeader)
	if err != nil {
		return err
	}
	for i := range benchRows {
		text, date, capital := benchRow(i)
		text[8], text[9] = date, capital
		if err := w.Write(text); err != nil {
			return err
		}
	}
	return w.Close()
}

func writeBenchCSV(path string) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	defer f.Close()
	bw := bufio.NewWriter(f)
	w, err := NewCSVWriter(bw, benchHeader)
	if err != nil {
		return err
	}
	for i := range benchRows {
		text, date, capital := benchRow(i)
		text[8], text[9] = date, capital
		if err := w.Write(text); err != nil {
			return err
		}
	}
	if err := w.Close(); err != nil {
		return err
	}
	return bw.Flush()
}

// heapSampler records the largest heap in use while it runs.
type heapSampler struct {
	peak atomic.Uint64
	stop chan struct{}
	wg   sync.WaitGroup
}

func startHeapSampler() *heapSampler {
	s := &heapSampler{stop: make(chan struct{})}
	samples := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}, {Name: "/memory/classes/heap/unused:bytes"}}
	read := func() {
		metrics.Read(samples)
		if v := samples[0].Value.Uint64() + samples[1].Value.Uint64(); v > s.peak.Load() {
			s.peak.Store(v)
		}
	}
	s.wg.Add(1)
	go func() {
		defer s.wg.Done()
		t := time.NewTicker(time.Millisecond)
		defer t.Stop()
		for {
			read()
			select {
			case <-s.stop:
				read()
				return
			case <-t.C:
			}
		}
	}()
	return s
}

func (s *heapSampler) Stop() uint64 {
	close(s.stop)
	s.wg.Wait()
	return s.peak.Load()
}

// resetPeakRSS resets VmHWM to the current RSS; it reports whether Linux
// allowed it.
func resetPeakRSS() bool {
	return os.WriteFile("/proc/self/clear_refs", []byte("5"), 0) == nil
}

func peakRSS() (uint64, bool) {
	data, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0, false
	}
	for _, line := range strings.Split(string(data), "\n") {
		if rest, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			kb, err := strconv.ParseUint(strings.TrimSuffix(strings.TrimSpace(rest), " kB"), 10, 64)
			return kb << 10, err == nil
		}
	}
	return 0, false
}

func benchRead(b *testing.B, write func(string) error, name string) {
	path := filepath.Join(b.TempDir(), name)
	if err := write(path); err != nil {
		b.Fatal(err)
	}
	st, err := os.Stat(path)
	if err != nil {
		b.Fatal(err)
	}
	runtime.GC()
	debug.FreeOSMemory()
	rssOK := resetPeakRSS()
	heap := startHeapSampler()
	rows := 0
	start := time.Now()
	for b.Loop() {
		r, err := OpenFile(path)
		if err != nil {
			b.Fatal(err)
		}
		n := 0
		for {
			_, err := r.Next()
			if err == io.EOF {
				break
			}
			if err != nil {
				b.Fatal(err)
			}
			n++
		}
		if err := r.Close(); err != nil {
			b.Fatal(err)
		}
		if n != benchRows+1 {
			b.Fatalf("read %d rows, want %d", n, benchRows+1)
		}
		rows += n
	}
	elapsed := time.Since(start)
	peakHeap := heap.Stop()
	b.ReportMetric(float64(rows)/elapsed.Seconds(), "rows/s")
	b.ReportMetric(float64(peakHeap)/(1<<20), "peak-heap-MB")
	rss, ok := peakRSS()
	if !ok || !rssOK {
		b.ReportMetric(-1, "peak-RSS-MB")
	} else {
		b.ReportMetric(float64(rss)/(1<<20), "peak-RSS-MB")
	}
	b.ReportMetric(float64(st.Size())/(1<<20), "file-MB")
}

// BenchmarkReadXLSX100k reads the list as Excel writes it (shared strings)
// and as XLSXWriter writes it (inline strings).
func BenchmarkReadXLSX100k(b *testing.B) {
	b.Run("excel-shared-strings", func(b *testing.B) { benchRead(b, writeBenchXLSX, "100k.xlsx") })
	b.Run("suiji-writer-inline-strings", func(b *testing.B) { benchRead(b, writeBenchXLSXSuiji, "100k.xlsx") })
}

func BenchmarkReadCSV100k(b *testing.B) {
	benchRead(b, writeBenchCSV, "100k.csv")
}

// BenchmarkWriteXLSX100k writes the list with XLSXWriter to a file and
// reports the same figures as the read benchmarks.
func BenchmarkWriteXLSX100k(b *testing.B) {
	path := filepath.Join(b.TempDir(), "out.xlsx")
	runtime.GC()
	debug.FreeOSMemory()
	rssOK := resetPeakRSS()
	heap := startHeapSampler()
	start := time.Now()
	rows := 0
	for b.Loop() {
		if err := writeBenchXLSXSuiji(path); err != nil {
			b.Fatal(err)
		}
		rows += benchRows
	}
	elapsed := time.Since(start)
	b.ReportMetric(float64(rows)/elapsed.Seconds(), "rows/s")
	b.ReportMetric(float64(heap.Stop())/(1<<20), "peak-heap-MB")
	if rss, ok := peakRSS(); ok && rssOK {
		b.ReportMetric(float64(rss)/(1<<20), "peak-RSS-MB")
	}
}
