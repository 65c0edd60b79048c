import { useEffect, useState } from 'react';
import { Alert, Col, DatePicker, Form, Input, Modal, Row, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useMutation } from 'urql';
import { graphql } from '../../gql';
import type { InspectorKind, InspectorStatus } from '../../gql/graphql';
import { useSession } from '../../auth/session';
import { errorField, errorMessage } from '../../graphql/errors';
import { DepartmentSelect } from '../../components/DepartmentSelect';
import { TagSelect } from '../../components/TagSelect';
import { INSPECTOR_KINDS, INSPECTOR_STATUSES, enumOptions } from '../../lib/enums';
import { INSPECTOR_UID, toInspectorInput, type InspectorFormValues, type InspectorRecord } from './form';
import { PHONE, REGION_CODE } from '../objects/form';

const InspectorFormModalCreateMutation = graphql(`
  mutation InspectorFormModal_Create($input: InspectorInput!) {
    createInspector(input: $input) {
      ...InspectorDetail_Inspector
    }
  }
`);

const InspectorFormModalUpdateMutation = graphql(`
  mutation InspectorFormModal_Update($id: ID!, $input: InspectorInput!) {
    updateInspector(id: $id, input: $input) {
      ...InspectorDetail_Inspector
    }
  }
`);

const FIELDS = {
  uid: ['人员编号'],
  name: ['姓名'],
  departmentId: ['部门'],
  kind: ['人员类别'],
  organisation: ['所在单位'],
  certificateNumber: ['执法证号'],
  certificateExpiresOn: ['执法证有效期'],
  qualificationIds: ['执法资格', '资格'],
  expertiseIds: ['专业领域'],
  regionCode: ['行政区划代码'],
  phone: ['电话'],
  status: ['状态'],
  statusSince: ['状态起始日期'],
} as const;

/** A DatePicker bound to a "YYYY-MM-DD" string. */
const dateProps = {
  getValueProps: (v: string | null | undefined) => ({ value: v ? dayjs(v) : null }),
  normalize: (d: Dayjs | null) => (d ? d.format('YYYY-MM-DD') : null),
};

interface Props {
  open: boolean;
  inspector: InspectorRecord | null;
  onClose: () => void;
  onSaved: (i: InspectorRecord, created: boolean) => void;
}

/** 新建检查人员 / 编辑检查人员. */
export function InspectorFormModal({ open, inspector, onClose, onSaved }: Props) {
  const { t } = useTranslation();
  const { user } = useSession();
  const [form] = Form.useForm<InspectorFormValues>();
  const [create, createInspector] = useMutation(InspectorFormModalCreateMutation);
  const [update, updateInspector] = useMutation(InspectorFormModalUpdateMutation);
  const [error, setError] = useState<string | null>(null);
  const kind = Form.useWatch('kind', form);
  const editing = inspector !== null;
  const ownDepartmentOnly = user?.role === 'DEPT_ADMIN';

  useEffect(() => {
    if (!open) return;
    setError(null);
    form.resetFields();
    if (inspector) {
      form.setFieldsValue({
        uid: inspector.uid,
        name: inspector.name,
        departmentId: inspector.department.id,
        kind: inspector.kind,
        organisation: inspector.organisation,
        certificateNumber: inspector.certificateNumber ?? '',
        certificateExpiresOn: inspector.certificateExpiresOn ?? null,
        qualificationIds: inspector.qualifications.map((q) => q.id),
        expertiseIds: inspector.expertise.map((e) => e.id),
        regionCode: inspector.regionCode,
        phone: inspector.phone ?? '',
        status: inspector.status,
        statusSince: inspector.statusSince ?? null,
      });
    } else {
      form.setFieldsValue({
        departmentId: ownDepartmentOnly ? user?.department?.id : undefined,
        kind: 'LAW_ENFORCEMENT',
        status: 'ACTIVE',
      });
    }
  }, [open, inspector, form, ownDepartmentOnly, user]);

  const submit = async () => {
    let v: InspectorFormValues;
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    setError(null);
    const input = toInspectorInput(v, !inspector);
    const res = inspector ? await updateInspector({ id: inspector.id, input }) : await createInspector({ input });
    if (res.error) {
      const msg = errorMessage(res.error, t);
      const field = errorField(res.error, FIELDS);
      if (field) form.setFields([{ name: field, errors: [msg] }]);
      else setError(msg);
      return;
    }
    const saved =
      res.data && 'createInspector' in res.data
        ? res.data.createInspector
        : res.data && 'updateInspector' in res.data
          ? res.data.updateInspector
          : undefined;
    if (saved) onSaved(saved, !inspector);
  };

  return (
    <Modal
      open={open}
      width={760}
      title={editing ? t('inspectors.editTitle', { name: inspector.name }) : t('inspectors.createTitle')}
      okText={editing ? t('common.save') : t('common.create')}
      cancelText={t('common.cancel')}
      onOk={() => void submit()}
      onCancel={onClose}
      confirmLoading={create.fetching || update.fetching}
      forceRender
      // above the detail drawer it is opened from
      zIndex={1100}
      okButtonProps={{ 'data-testid': 'inspector-form-ok' } as Record<string, string>}
      cancelButtonProps={{ 'data-testid': 'inspector-form-cancel' } as Record<string, string>}
    >
      {error && <Alert type="error" showIcon title={error} data-testid="inspector-form-error" />}
      <Form<InspectorFormValues> form={form} layout="vertical" data-testid="inspector-form">
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item
              name="uid"
              label={t('inspectors.uid')}
              extra={editing ? t('items.fixedAfterCreate') : t('inspectors.uidHint')}
              normalize={(v: string | undefined) => v?.replace(/\s+/g, '').toUpperCase()}
              rules={
                editing
                  ? []
                  : [
                      { required: true, message: t('inspectors.uidRequired') },
                      { pattern: INSPECTOR_UID, message: t('inspectors.uidPattern') },
                    ]
              }
            >
              <Input disabled={editing} maxLength={32} className="mono" data-testid="inspector-uid" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item
              name="name"
              label={t('inspectors.name')}
              rules={[{ required: true, whitespace: true, message: t('inspectors.nameRequired') }]}
            >
              <Input maxLength={50} data-testid="inspector-name" />
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item
              name="departmentId"
              label={t('inspectors.department')}
              rules={[{ required: true, message: t('items.departmentRequired') }]}
              extra={ownDepartmentOnly ? t('inspectors.ownDepartmentOnly') : undefined}
            >
              <DepartmentSelect disabled={ownDepartmentOnly} allowClear={false} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="kind" label={t('inspectors.kind')} rules={[{ required: true }]}>
              <Select<InspectorKind> options={enumOptions(t, 'InspectorKind', INSPECTOR_KINDS)} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item
          name="organisation"
          label={t('inspectors.organisation')}
          dependencies={['kind']}
          extra={t('inspectors.organisationHint')}
          rules={[{ required: kind === 'EXPERT', whitespace: true, message: t('inspectors.organisationRequired') }]}
        >
          <Input maxLength={200} />
        </Form.Item>
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item name="certificateNumber" label={t('inspectors.certificateNumber')}>
              <Input maxLength={64} autoComplete="off" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="certificateExpiresOn" label={t('inspectors.certificateExpiresOn')} {...dateProps}>
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="qualificationIds" label={t('inspectors.qualifications')}>
          <TagSelect scope="QUALIFICATION" />
        </Form.Item>
        <Form.Item name="expertiseIds" label={t('inspectors.expertise')}>
          <TagSelect scope="EXPERTISE" />
        </Form.Item>
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item
              name="regionCode"
              label={t('inspectors.regionCode')}
              rules={[{ pattern: REGION_CODE, message: t('objects.regionCodePattern') }]}
            >
              <Input maxLength={6} inputMode="numeric" />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="phone" label={t('inspectors.phone')} rules={[{ pattern: PHONE, message: t('objects.phonePattern') }]}>
              <Input maxLength={32} autoComplete="off" />
            </Form.Item>
          </Col>
        </Row>
        <Row gutter={16}>
          <Col xs={24} md={12}>
            <Form.Item name="status" label={t('inspectors.status')} rules={[{ required: true }]}>
              <Select<InspectorStatus> options={enumOptions(t, 'InspectorStatus', INSPECTOR_STATUSES)} />
            </Form.Item>
          </Col>
          <Col xs={24} md={12}>
            <Form.Item name="statusSince" label={t('inspectors.statusSince')} {...dateProps}>
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
      </Form>
    </Modal>
  );
}
