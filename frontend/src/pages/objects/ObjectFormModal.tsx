import { useEffect, useState } from 'react';
import { Alert, AutoComplete, Col, Form, Input, Modal, Row, Select, Switch } from 'antd';
import { useTranslation } from 'react-i18next';
import { useMutation } from 'urql';
import { graphql } from '../../gql';
import type { ObjectKind, RiskClass } from '../../gql/graphql';
import { useSession } from '../../auth/session';
import { errorField, errorMessage } from '../../graphql/errors';
import { DepartmentMultiSelect } from '../../components/DepartmentSelect';
import { TagSelect } from '../../components/TagSelect';
import { OBJECT_KINDS, RISK_CLASSES, enumOptions } from '../../lib/enums';
import { normalizeUscc, usccProblem } from '../../lib/uscc';
import {
  INDUSTRY_CODE,
  LIBRARY_CODE,
  PHONE,
  REGION_CODE,
  needsUscc,
  toCreateObjectInput,
  toUpdateObjectInput,
  type ObjectFormValues,
  type ObjectRecord,
} from './form';

const ObjectFormModalCreateMutation = graphql(`
  mutation ObjectFormModal_Create($input: ObjectInput!) {
    createObject(input: $input) {
      ...ObjectDetail_Object
    }
  }
`);

const ObjectFormModalUpdateMutation = graphql(`
  mutation ObjectFormModal_Update($id: ID!, $input: ObjectInput!) {
    updateObject(id: $id, input: $input) {
      ...ObjectDetail_Object
    }
  }
`);

const FIELDS = {
  uid: ['统一社会信用代码', '对象编码', '信用代码'],
  kind: ['对象类型'],
  name: ['名称'],
  legalRepresentative: ['法定代表人'],
  address: ['地址', '住所'],
  regionCode: ['行政区划代码'],
  industryCode: ['行业代码'],
  registrationStatus: ['登记状态'],
  riskClass: ['信用风险分类'],
  riskSource: ['风险分类来源'],
  tagIds: ['标注', '标签'],
  supervisingDepartmentIds: ['监管部门', '部门'],
  contactName: ['联系人'],
  contactPhone: ['联系电话'],
  active: [],
} as const;

const REGISTRATION_STATUSES = ['存续', '在业', '迁出', '停业', '吊销', '注销'];

interface Props {
  open: boolean;
  object: ObjectRecord | null;
  onClose: () => void;
  onSaved: (o: ObjectRecord, created: boolean) => void;
}

/** 新建检查对象 / 编辑检查对象. An edit sends only the fields that changed. */
export function ObjectFormModal({ open, object, onClose, onSaved }: Props) {
  const { t } = useTranslation();
  const { user } = useSession();
  const [form] = Form.useForm<ObjectFormValues>();
  const [create, createObject] = useMutation(ObjectFormModalCreateMutation);
  const [update, updateObject] = useMutation(ObjectFormModalUpdateMutation);
  const [error, setError] = useState<string | null>(null);
  const kind = Form.useWatch('kind', form);
  const riskClass = Form.useWatch('riskClass', form);
  const editing = object !== null;
  const riskChanged = !!riskClass && riskClass !== (object?.riskClass ?? null);

  useEffect(() => {
    if (!open) return;
    setError(null);
    form.resetFields();
    if (object) {
      form.setFieldsValue({
        uid: object.uid,
        kind: object.kind,
        name: object.name,
        legalRepresentative: object.legalRepresentative,
        address: object.address,
        regionCode: object.regionCode,
        industryCode: object.industryCode,
        registrationStatus: object.registrationStatus,
        riskClass: object.riskClass ?? null,
        riskSource: '',
        tagIds: object.tags.map((tag) => tag.id),
        supervisingDepartmentIds: object.supervisingDepartments.map((d) => d.id),
        contactName: object.contactName ?? '',
        contactPhone: object.contactPhone ?? '',
        active: object.active,
      });
    } else {
      form.setFieldsValue({
        kind: 'ENTERPRISE',
        active: true,
        registrationStatus: '存续',
        supervisingDepartmentIds: user?.role === 'DEPT_ADMIN' && user.department ? [user.department.id] : [],
      });
    }
  }, [open, object, form, user]);

  const submit = async () => {
    let v: ObjectFormValues;
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    setError(null);
    let res;
    if (object) {
      const input = toUpdateObjectInput(object, v);
      if (!input) {
        onClose();
        return;
      }
      res = await updateObject({ id: object.id, input });
    } else {
      res = await createObject({ input: toCreateObjectInput(v) });
    }
    if (res.error) {
      const msg = errorMessage(res.error, t);
      const field = errorField(res.error, FIELDS);
      if (field) form.setFields([{ name: field, errors: [msg] }]);
      else setError(msg);
      return;
    }
    const saved =
      res.data && 'createObject' in res.data
        ? res.data.createObject
        : res.data && 'updateObject' in res.data
          ? res.data.updateObject
          : undefined;
    if (saved) onSaved(saved, !object);
  };

  return (
    <Modal
      open={open}
      width={780}
      title={editing ? t('objects.editTitle', { name: object.name }) : t('objects.createTitle')}
      okText={editing ? t('common.save') : t('common.create')}
      cancelText={t('common.cancel')}
      onOk={() => void submit()}
      onCancel={onClose}
      confirmLoading={create.fetching || update.fetching}
      forceRender
      // above the detail drawer it is opened from
      zIndex={1100}
      okButtonProps={{ 'data-testid': 'object-form-ok' } as Record<string, string>}
      cancelButtonProps={{ 'data-testid': 'object-form-cancel' } as Record<string, string>}
    >
      {error && <Alert type="error" showIcon title={error} data-testid="object-form-error" />}
      <Form<ObjectFormValues> form={form} layout="vertical" data-testid="object-form">
        <Row gutter={16}>
          <Col xs={24} md={10}>
            <Form.Item name="kind" label={t('objects.kind')} rules={[{ required: true }]}>
              <Select<ObjectKind> options={enumOptions(t, 'ObjectKind', OBJECT_KINDS)} data-testid="object-kind" />
            </Form.Item>
          </Col>
          <Col xs={24} md={14}>
            <Form.Item
              name="uid"
              label={needsUscc(kind) ? t('objects.uidUscc') : t('objects.uidCode')}
              extra={editing ? t('objects.uidFixed') : needsUscc(kind) ? t('objects.uidUsccHint') : t('objects.uidCodeHint')}
              normalize={(v: string | undefined) => (v === undefined ? v : normalizeUscc(v))}
              dependencies={['kind']}
              rules={
                editing
                  ? []
                  : [
                      { required: true, message: t('objects.uidRequired') },
                      ({ getFieldValue }) => ({
                        validator: (_, value: string | undefined) => {
                          if (!value) return Promise.resolve();
                          if (needsUscc(getFieldValue('kind') as ObjectKind)) {
                            const p = usccProblem(value);
                            return p ? Promise.reject(new Error(t(`objects.uscc.${p}`))) : Promise.resolve();
                          }
                          return LIBRARY_CODE.test(value) ? Promise.resolve() : Promise.reject(new Error(t('objects.uidCodePattern')));
                        },
                      }),
                    ]
              }
            >
              <Input disabled={editing} maxLength={40} className="mono" data-testid="object-uid" />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="name" label={t('objects.name')} rules={[{ required: true, whitespace: true, message: t('objects.nameRequired') }]}>
          <Input maxLength={200} data-testid="object-name" />
        </Form.Item>
        <Row gutter={16}>
          <Col xs={24} md={10}>
            <Form.Item name="legalRepresentative" label={t('objects.legalRepresentative')}>
              <Input maxLength={100} />
            </Form.Item>
          </Col>
          <Col xs={24} md={14}>
            <Form.Item name="registrationStatus" label={t('objects.registrationStatus')}>
              <AutoComplete options={REGISTRATION_STATUSES.map((s) => ({ value: s }))} maxLength={32} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="address" label={t('objects.address')}>
          <Input maxLength={300} />
        </Form.Item>
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item
              name="regionCode"
              label={t('objects.regionCode')}
              extra={t('objects.regionCodeHint')}
              rules={[{ pattern: REGION_CODE, message: t('objects.regionCodePattern') }]}
            >
              <Input maxLength={6} inputMode="numeric" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="industryCode"
              label={t('objects.industryCode')}
              extra={t('objects.industryCodeHint')}
              normalize={(v: string | undefined) => v?.toUpperCase()}
              rules={[{ pattern: INDUSTRY_CODE, message: t('objects.industryCodePattern') }]}
            >
              <Input maxLength={5} />
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={16}>
          <Col xs={24} md={10}>
            <Form.Item name="riskClass" label={t('objects.riskClass')} extra={t('objects.riskInternal')}>
              <Select<RiskClass>
                allowClear={!object?.riskClass}
                placeholder={t('objects.noRisk')}
                options={enumOptions(t, 'RiskClass', RISK_CLASSES)}
                data-testid="object-risk"
              />
            </Form.Item>
          </Col>
          <Col xs={24} md={14}>
            <Form.Item
              name="riskSource"
              label={t('objects.riskSource')}
              extra={riskChanged ? t('objects.riskSourceHint') : t('objects.riskSourceUnchanged')}
            >
              <Input maxLength={100} disabled={!riskChanged} placeholder={t('objects.riskSourcePlaceholder')} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="tagIds" label={t('objects.tags')}>
          <TagSelect scope="OBJECT" />
        </Form.Item>
        <Form.Item
          name="supervisingDepartmentIds"
          label={t('objects.supervisingDepartments')}
          extra={user?.role === 'DEPT_ADMIN' ? t('objects.ownDepartmentKept') : t('objects.supervisingHint')}
        >
          <DepartmentMultiSelect />
        </Form.Item>
        <Row gutter={16}>
          <Col xs={24} md={10}>
            <Form.Item name="contactName" label={t('objects.contactName')}>
              <Input maxLength={50} autoComplete="off" />
            </Form.Item>
          </Col>
          <Col xs={24} md={14}>
            <Form.Item
              name="contactPhone"
              label={t('objects.contactPhone')}
              rules={[{ pattern: PHONE, message: t('objects.phonePattern') }]}
            >
              <Input maxLength={32} autoComplete="off" />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="active" label={t('objects.status')} valuePropName="checked" extra={t('objects.activeHint')}>
          <Switch checkedChildren={t('objects.active')} unCheckedChildren={t('objects.inactive')} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
