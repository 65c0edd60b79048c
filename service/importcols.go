package service

import "github.com/suiji-dev/suiji/tabular"

// The columns of each import, with the header spellings real files use.
// The first name is canonical: templates and exports write it.

func objectColumns() []tabular.Column {
	return []tabular.Column{
		{Key: "uid", Names: []string{"统一社会信用代码", "社会信用代码", "信用代码", "对象编码", "编码", "注册号", "USCC", "uid"}, Required: true},
		{Key: "kind", Names: []string{"对象类型", "主体类型", "类型", "kind"}},
		{Key: "name", Names: []string{"名称", "企业名称", "对象名称", "主体名称", "单位名称", "name"}, Required: true},
		{Key: "legalRepresentative", Names: []string{"法定代表人", "法定代表人（负责人）", "负责人", "经营者", "法人"}},
		{Key: "address", Names: []string{"住所", "地址", "经营场所", "住所（经营场所）", "注册地址", "address"}},
		{Key: "regionCode", Names: []string{"行政区划代码", "区划代码", "所属区划"}},
		{Key: "industryCode", Names: []string{"行业代码", "国民经济行业代码", "行业门类代码"}},
		{Key: "registrationStatus", Names: []string{"登记状态", "经营状态"}},
		{Key: "riskClass", Names: []string{"信用风险分类", "风险分类", "风险等级", "信用风险等级"}},
		{Key: "tags", Names: []string{"分类标注", "标签", "标注"}, Multi: true},
		{Key: "departments", Names: []string{"监管部门", "主管部门", "监管单位"}, Multi: true},
		{Key: "contactName", Names: []string{"联系人"}},
		{Key: "contactPhone", Names: []string{"联系电话", "电话", "手机"}},
		{Key: "active", Names: []string{"状态", "是否有效"}},
	}
}

func inspectorColumns() []tabular.Column {
	return []tabular.Column{
		{Key: "uid", Names: []string{"人员编号", "工号", "编号", "uid"}, Required: true},
		{Key: "name", Names: []string{"姓名", "name"}, Required: true},
		{Key: "department", Names: []string{"所属部门", "部门", "单位部门"}, Required: true},
		{Key: "kind", Names: []string{"人员类别", "类别", "人员类型"}},
		{Key: "organisation", Names: []string{"所在单位", "单位", "工作单位"}},
		{Key: "certificateNumber", Names: []string{"执法证号", "执法证件号", "证件号"}},
		{Key: "certificateExpiresOn", Names: []string{"执法证有效期", "证件有效期", "有效期至"}},
		{Key: "qualifications", Names: []string{"执法资格", "资格"}, Multi: true},
		{Key: "expertise", Names: []string{"专业领域", "专长", "专业"}, Multi: true},
		{Key: "regionCode", Names: []string{"行政区划代码", "区划代码"}},
		{Key: "phone", Names: []string{"联系电话", "电话", "手机"}},
		{Key: "status", Names: []string{"状态", "在岗状态"}},
		{Key: "statusSince", Names: []string{"状态起始日期", "状态日期"}},
	}
}

func itemColumns() []tabular.Column {
	return []tabular.Column{
		{Key: "department", Names: []string{"部门", "所属部门", "实施部门"}, Required: true},
		{Key: "code", Names: []string{"事项编号", "编号", "事项代码"}, Required: true},
		{Key: "name", Names: []string{"事项名称", "抽查事项", "抽查项目"}, Required: true},
		{Key: "basis", Names: []string{"抽查依据", "依据", "检查依据"}, Required: true},
		{Key: "subject", Names: []string{"抽查主体", "主体", "检查主体"}, Required: true},
		{Key: "objectKinds", Names: []string{"对象类型", "抽查对象", "检查对象"}, Required: true, Multi: true},
		{Key: "content", Names: []string{"抽查内容", "内容", "检查内容"}, Required: true},
		{Key: "method", Names: []string{"抽查方式", "方式", "检查方式"}, Required: true},
		{Key: "category", Names: []string{"事项类别", "类别", "事项类型"}, Required: true},
		{Key: "ratioCap", Names: []string{"抽查比例上限（%）", "抽查比例上限", "比例上限"}},
		{Key: "qualifications", Names: []string{"所需资格", "资格要求"}, Multi: true},
		{Key: "status", Names: []string{"状态"}},
		{Key: "note", Names: []string{"备注"}},
	}
}

// ImportColumns returns the columns of an import kind, for templates.
func ImportColumns(kind string) []tabular.Column {
	switch kind {
	case "OBJECTS":
		return objectColumns()
	case "INSPECTORS":
		return inspectorColumns()
	case "ITEMS":
		return itemColumns()
	}
	return nil
}
