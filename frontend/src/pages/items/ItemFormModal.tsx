import { useEffect, useState } from 'react';
import { Alert, Button, Col, Form, Input, InputNumber, Modal, Radio, Row, Select } from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useMutation } from 'urql';
import { graphql } from '../../gql';
import type { InspectionMethod, ItemCategory, ItemInput, ItemStatus, ObjectKind } from '../../gql/graphql';
import { useSession } from '../../auth/session';
import { errorField, errorMessage } from '../../graphql/errors';
import { DepartmentSelect } from '../../components/DepartmentSelect';
import { TagSelect } from '../../components/TagSelect';
import { INSPECTION_METHODS, ITEM_CATEGORIES, ITEM_STATUSES, OBJECT_KINDS, enumOptions } from '../../lib/enums';
import { RATIO_CAP_MAX_PERCENT, RATIO_CAP_MIN_PERCENT, bpToPercent, ratioCapInput, ratioCapProblem } from '../../lib/ratio';
import type { ItemVersion } from './ItemDetailDrawer';

const ItemFormModalCreateMutation = graphql(`
  mutation ItemFormModal_Create($input: ItemInput!) {
    createItem(input: $input) {
      id
      code
      name
      version
    }
  }
`);

const ItemFormModalUpdateMutation = graphql(`
  mutation ItemFormModal_Update($id: ID!, $input: ItemInput!) {
    updateItem(id: $id, input: $input) {
      id
      code
      name
      version
    }
  }
`);

export interface ItemFormValues {
  departmentId?: string;
  code?: string;
  name: string;
  category: ItemCategory;
  ratioCapPercent?: number | null;
  method: InspectionMethod;
  objectKinds: ObjectKind[];
  subject: string;
  basis: string;
  basisRefs?: { law?: string; article?: string }[];
  content: string;
  qualificationIds?: string[];
  status: ItemStatus;
  note?: string;
}

/** The form as the API's ItemInput; department and code only when creating. */
export function toItemInput(v: ItemFormValues, creating: boolean): ItemInput {
  const trim = (s: string | undefined) => (s ?? '').trim();
  const input: ItemInput = {
    name: trim(v.name),
    category: v.category,
    ratioCapBp: ratioCapInput(v.category, v.ratioCapPercent),
    method: v.method,
    objectKinds: v.objectKinds,
    subject: trim(v.subject),
    basis: trim(v.basis),
    basisRefs: (v.basisRefs ?? []).filter((r) => trim(r.law)).map((r) => ({ law: trim(r.law), article: trim(r.article) || undefined })),
    content: trim(v.content),
    qualificationIds: v.qualificationIds ?? [],
    status: v.status,
    note: trim(v.note),
  };
  if (creating) {
    input.departmentId = v.departmentId;
    input.code = trim(v.code);
  }
  return input;
}

/** API field → the words its messages use. */
const FIELDS = {
  departmentId: ['部门'],
  code: ['事项编号', '编号'],
  name: ['事项名称'],
  category: ['事项类别'],
  ratioCapBp: ['比例上限'],
  method: ['抽查方式'],
  objectKinds: ['对象类型'],
  subject: ['抽查主体'],
  basis: ['抽查依据'],
  basisRefs: ['法律法规', '条款'],
  content: ['抽查内容'],
  qualificationIds: ['资格'],
  status: ['状态'],
  note: ['备注'],
} as const;

/** Form fields whose names differ from the API's. */
const FORM_NAME: Partial<Record<keyof typeof FIELDS, keyof ItemFormValues>> = { ratioCapBp: 'ratioCapPercent' };

interface Props {
  open: boolean;
  /** The current version to edit; null to create an item. */
  item: ItemVersion | null;
  onClose: () => void;
  onSaved: (saved: { id: string; name: string; version: number }) => void;
}

/** 新建抽查事项 / 编辑抽查事项 (a new version). */
export function ItemFormModal({ open, item, onClose, onSaved }: Props) {
  const { t } = useTranslation();
  const { user } = useSession();
  const [form] = Form.useForm<ItemFormValues>();
  const [create, createItem] = useMutation(ItemFormModalCreateMutation);
  const [update, updateItem] = useMutation(ItemFormModalUpdateMutation);
  const [error, setError] = useState<string | null>(null);
  const category = Form.useWatch('category', form);
  const editing = item !== null;
  const ownDepartmentOnly = user?.role === 'DEPT_ADMIN';

  useEffect(() => {
    if (!open) return;
    setError(null);
    form.resetFields();
    if (item) {
      form.setFieldsValue({
        departmentId: item.department.id,
        code: item.code,
        name: item.name,
        category: item.category,
        ratioCapPercent: item.ratioCapBp === null || item.ratioCapBp === undefined ? null : bpToPercent(item.ratioCapBp),
        method: item.method,
        objectKinds: [...item.objectKinds],
        subject: item.subject,
        basis: item.basis,
        basisRefs: item.basisRefs.map((r) => ({ law: r.law, article: r.article ?? '' })),
        content: item.content,
        qualificationIds: item.qualifications.map((q) => q.id),
        status: item.status,
        note: item.note,
      });
    } else {
      form.setFieldsValue({
        departmentId: ownDepartmentOnly ? user?.department?.id : undefined,
        category: 'GENERAL',
        ratioCapPercent: 5,
        method: 'ONSITE',
        objectKinds: ['ENTERPRISE'],
        status: 'ACTIVE',
        basisRefs: [],
      });
    }
  }, [open, item, form, ownDepartmentOnly, user]);

  const submit = async () => {
    let values: ItemFormValues;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    setError(null);
    const input = toItemInput(values, !editing);
    const res = item ? await updateItem({ id: item.id, input }) : await createItem({ input });
    if (res.error) {
      const msg = errorMessage(res.error, t);
      const field = errorField(res.error, FIELDS);
      if (field) form.setFields([{ name: (FORM_NAME[field] ?? field) as keyof ItemFormValues, errors: [msg] }]);
      else setError(msg);
      return;
    }
    const saved =
      res.data && 'createItem' in res.data ? res.data.createItem : res.data && 'updateItem' in res.data ? res.data.updateItem : undefined;
    if (saved) onSaved(saved);
  };

  const ratioMessages = {
    notAllowed: t('items.ratioCapNotAllowed'),
    required: t('items.ratioCapRequired'),
    outOfRange: t('items.ratioCapRange'),
  };

  return (
    <Modal
      open={open}
      width={780}
      title={editing ? t('items.editTitle', { name: item.name }) : t('items.createTitle')}
      okText={editing ? t('items.saveVersion') : t('common.create')}
      cancelText={t('common.cancel')}
      onOk={() => void submit()}
      onCancel={onClose}
      confirmLoading={create.fetching || update.fetching}
      forceRender
      // above the detail drawer it is opened from
      zIndex={1100}
      okButtonProps={{ 'data-testid': 'item-form-ok' } as Record<string, string>}
      cancelButtonProps={{ 'data-testid': 'item-form-cancel' } as Record<string, string>}
    >
      {editing && (
        <Alert
          type="info"
          showIcon
          title={t('items.newVersionNotice', { version: item.version + 1 })}
          data-testid="item-form-version-notice"
        />
      )}
      {error && <Alert type="error" showIcon title={error} data-testid="item-form-error" />}
      <Form<ItemFormValues>
        form={form}
        layout="vertical"
        data-testid="item-form"
        onValuesChange={(changed: Partial<ItemFormValues>) => {
          // A KEY item has no cap: clear it when the category becomes KEY.
          if (changed.category === 'KEY') form.setFields([{ name: 'ratioCapPercent', value: null, errors: [] }]);
        }}
      >
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item
              name="departmentId"
              label={t('items.department')}
              rules={[{ required: true, message: t('items.departmentRequired') }]}
              extra={editing ? t('items.fixedAfterCreate') : ownDepartmentOnly ? t('items.ownDepartmentOnly') : undefined}
            >
              <DepartmentSelect disabled={editing || ownDepartmentOnly} allowClear={false} data-testid="item-department" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="code"
              label={t('items.code')}
              extra={editing ? t('items.fixedAfterCreate') : t('items.codeHint')}
              normalize={(v: string | undefined) => v?.replace(/\s+/g, '')}
              rules={[
                { required: true, whitespace: true, message: t('items.codeRequired') },
                { pattern: /^[A-Za-z0-9][A-Za-z0-9._-]{0,31}$/, message: t('items.codePattern') },
              ]}
            >
              <Input disabled={editing} maxLength={32} data-testid="item-code" />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="name" label={t('items.name')} rules={[{ required: true, whitespace: true, message: t('items.nameRequired') }]}>
          <Input maxLength={200} data-testid="item-name" />
        </Form.Item>
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item name="category" label={t('items.category')} rules={[{ required: true }]} extra={t('items.categoryHint')}>
              <Radio.Group
                optionType="button"
                buttonStyle="solid"
                options={enumOptions(t, 'ItemCategory', ITEM_CATEGORIES)}
                data-testid="item-category"
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="ratioCapPercent"
              label={t('items.ratioCap')}
              className="ratio-cap-field"
              dependencies={['category']}
              extra={category === 'KEY' ? t('items.noCap') : t('items.ratioCapHint')}
              rules={[
                ({ getFieldValue }) => ({
                  validator: (_, value: number | null | undefined) => {
                    const problem = ratioCapProblem(getFieldValue('category') as ItemCategory, value);
                    return problem ? Promise.reject(new Error(ratioMessages[problem])) : Promise.resolve();
                  },
                }),
              ]}
            >
              <InputNumber<number>
                min={RATIO_CAP_MIN_PERCENT}
                max={RATIO_CAP_MAX_PERCENT}
                step={0.5}
                precision={2}
                suffix="%"
                disabled={category === 'KEY'}
                placeholder={category === 'KEY' ? t('items.noCap') : '5'}
                data-testid="item-ratio-cap"
              />
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item name="method" label={t('items.method')} rules={[{ required: true }]}>
              <Select<InspectionMethod> options={enumOptions(t, 'InspectionMethod', INSPECTION_METHODS)} data-testid="item-method" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="status" label={t('items.status')} rules={[{ required: true }]}>
              <Select<ItemStatus> options={enumOptions(t, 'ItemStatus', ITEM_STATUSES)} data-testid="item-status" />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item
          name="objectKinds"
          label={t('items.objectKinds')}
          rules={[{ required: true, type: 'array', min: 1, message: t('items.objectKindsRequired') }]}
        >
          <Select<ObjectKind[]> mode="multiple" options={enumOptions(t, 'ObjectKind', OBJECT_KINDS)} data-testid="item-object-kinds" />
        </Form.Item>
        <Form.Item
          name="subject"
          label={t('items.subject')}
          rules={[{ required: true, whitespace: true, message: t('items.subjectRequired') }]}
        >
          <Input maxLength={200} placeholder={t('items.subjectPlaceholder')} data-testid="item-subject" />
        </Form.Item>
        <Form.Item name="basis" label={t('items.basis')} rules={[{ required: true, whitespace: true, message: t('items.basisRequired') }]}>
          <Input.TextArea rows={3} maxLength={4000} data-testid="item-basis" />
        </Form.Item>
        <Form.List name="basisRefs">
          {(fields, { add, remove }, { errors }) => (
            <Form.Item label={t('items.basisRefs')} extra={t('items.basisRefsHint')}>
              {fields.map((field) => (
                <div key={field.key} className="basis-ref-row">
                  <Form.Item
                    name={[field.name, 'law']}
                    rules={[{ required: true, whitespace: true, message: t('items.lawRequired') }]}
                    style={{ flex: 2 }}
                  >
                    <Input maxLength={200} placeholder={t('items.lawPlaceholder')} />
                  </Form.Item>
                  <Form.Item name={[field.name, 'article']} style={{ flex: 1 }}>
                    <Input maxLength={100} placeholder={t('items.articlePlaceholder')} />
                  </Form.Item>
                  <Button type="text" icon={<MinusCircleOutlined />} onClick={() => remove(field.name)} aria-label={t('common.remove')} />
                </div>
              ))}
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ law: '', article: '' })}>
                {t('items.addBasisRef')}
              </Button>
              <Form.ErrorList errors={errors} />
            </Form.Item>
          )}
        </Form.List>
        <Form.Item
          name="content"
          label={t('items.content')}
          rules={[{ required: true, whitespace: true, message: t('items.contentRequired') }]}
        >
          <Input.TextArea rows={3} maxLength={4000} data-testid="item-content" />
        </Form.Item>
        <Form.Item name="qualificationIds" label={t('items.qualifications')} extra={t('items.qualificationsHint')}>
          <TagSelect scope="QUALIFICATION" />
        </Form.Item>
        <Form.Item name="note" label={t('items.note')}>
          <Input.TextArea rows={2} maxLength={2000} data-testid="item-note" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
