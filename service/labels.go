package service

import "strings"

// Chinese labels of the value lists, as spreadsheets show them. Imports
// accept a label or the code; exports write the label.
var (
	kindLabel = map[string]string{"ENTERPRISE": "企业", "INDIVIDUAL_BUSINESS": "个体工商户", "PRODUCT": "产品",
		"PROJECT": "工程项目", "BEHAVIOUR": "行为", "OTHER": "其他"}
	methodLabel = map[string]string{"ONSITE": "实地核查", "DOCUMENT": "书面检查", "ONLINE": "网络监测",
		"LAB": "委托检验检测", "OTHER": "其他"}
	categoryLabel        = map[string]string{"KEY": "重点检查事项", "GENERAL": "一般检查事项"}
	itemStatusLabel      = map[string]string{"ACTIVE": "有效", "SUSPENDED": "暂停", "RETIRED": "废止"}
	inspectorKindLabel   = map[string]string{"LAW_ENFORCEMENT": "执法人员", "STAFF": "工作人员", "EXPERT": "专家"}
	inspectorStatusLabel = map[string]string{"ACTIVE": "在岗", "ON_LEAVE": "休假", "TRANSFERRED": "调离", "RETIRED": "退休"}

	// More spellings seen in real files.
	extraLabels = map[string]string{
		"个体户": "INDIVIDUAL_BUSINESS", "项目": "PROJECT", "工程": "PROJECT", "公司": "ENTERPRISE",
		"重点": "KEY", "一般": "GENERAL", "重点事项": "KEY", "一般事项": "GENERAL",
		"现场检查": "ONSITE", "实地检查": "ONSITE", "书面核查": "DOCUMENT", "网络检查": "ONLINE", "检验检测": "LAB", "抽样检验": "LAB",
		"正常": "ACTIVE", "启用": "ACTIVE", "停用": "SUSPENDED", "作废": "RETIRED",
		"执法": "LAW_ENFORCEMENT", "执法检查人员": "LAW_ENFORCEMENT", "检查人员": "STAFF", "外部专家": "EXPERT", "检测机构": "EXPERT",
		"在职": "ACTIVE", "请假": "ON_LEAVE", "调出": "TRANSFERRED", "离职": "TRANSFERRED",
		"低": "A", "低风险": "A", "中": "B", "一般风险": "B", "中风险": "B", "较高": "C", "较高风险": "C", "高": "D", "高风险": "D",
	}
)

// codeOf turns a label or a code from a spreadsheet cell into a code of
// labels, or "" when it is neither.
func codeOf(labels map[string]string, cell string) string {
	v := strings.TrimSpace(cell)
	up := strings.ToUpper(v)
	if _, ok := labels[up]; ok {
		return up
	}
	for code, label := range labels {
		if v == label {
			return code
		}
	}
	if code, ok := extraLabels[v]; ok {
		if _, known := labels[code]; known {
			return code
		}
	}
	return ""
}
