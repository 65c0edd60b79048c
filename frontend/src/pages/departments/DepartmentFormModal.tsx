import { useEffect, useState } from 'react';
import { Alert, Form, Input, InputNumber, Modal } from 'antd';
import { useTranslation } from 'react-i18next';
import { useMutation } from 'urql';
import { graphql } from '../../gql';
import type { DepartmentsPage_DepartmentsQuery } from '../../gql/graphql';
import { errorField, errorMessage } from '../../graphql/errors';

const DepartmentFormModalCreateMutation = graphql(`
  mutation DepartmentFormModal_Create($input: CreateDepartmentInput!) {
    createDepartment(input: $input) {
      id
      code
      name
      shortName
      description
      sortOrder
      active
      updatedAt
    }
  }
`);

const DepartmentFormModalUpdateMutation = graphql(`
  mutation DepartmentFormModal_Update($id: ID!, $input: UpdateDepartmentInput!) {
    updateDepartment(id: $id, input: $input) {
      id
      code
      name
      shortName
      description
      sortOrder
      active
      updatedAt
    }
  }
`);

export type DepartmentRow = DepartmentsPage_DepartmentsQuery['departments'][number];

interface Values {
  code: string;
  name: string;
  shortName?: string;
  description?: string;
  sortOrder?: number | null;
}

/** Field names and the words a server message may use for them. */
const FIELDS = {
  code: ['代码', '编码'],
  name: ['名称'],
  shortName: ['简称'],
  description: ['说明', '描述'],
  sortOrder: ['排序'],
} as const;

const blankToUndefined = (s: string | undefined) => {
  const v = s?.trim();
  return v ? v : undefined;
};

interface Props {
  open: boolean;
  /** The department to edit; null to create one. */
  department: DepartmentRow | null;
  onClose: () => void;
  onSaved: (d: DepartmentRow) => void;
}

/** 新建部门 / 编辑部门. */
export function DepartmentFormModal({ open, department, onClose, onSaved }: Props) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const [create, createDepartment] = useMutation(DepartmentFormModalCreateMutation);
  const [update, updateDepartment] = useMutation(DepartmentFormModalUpdateMutation);
  const [error, setError] = useState<string | null>(null);
  const editing = department !== null;

  useEffect(() => {
    if (!open) return;
    setError(null);
    form.resetFields();
    if (department) {
      form.setFieldsValue({
        code: department.code,
        name: department.name,
        shortName: department.shortName,
        description: department.description ?? '',
        sortOrder: department.sortOrder,
      });
    }
  }, [open, department, form]);

  const submit = async () => {
    let values: Values;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    setError(null);
    const res = department
      ? await updateDepartment({
          id: department.id,
          input: {
            name: values.name.trim(),
            shortName: values.shortName?.trim() ?? '',
            description: values.description?.trim() ?? '',
            sortOrder: values.sortOrder ?? undefined,
          },
        })
      : await createDepartment({
          input: {
            code: values.code.trim(),
            name: values.name.trim(),
            shortName: blankToUndefined(values.shortName),
            description: blankToUndefined(values.description),
            sortOrder: values.sortOrder ?? undefined,
          },
        });
    if (res.error) {
      const msg = errorMessage(res.error, t);
      const field = errorField(res.error, FIELDS);
      if (field) form.setFields([{ name: field, errors: [msg] }]);
      else setError(msg);
      return;
    }
    const saved =
      res.data && 'createDepartment' in res.data
        ? res.data.createDepartment
        : res.data && 'updateDepartment' in res.data
          ? res.data.updateDepartment
          : undefined;
    if (saved) onSaved(saved);
  };

  return (
    <Modal
      open={open}
      title={editing ? t('departments.editTitle', { name: department.name }) : t('departments.createTitle')}
      okText={editing ? t('common.save') : t('common.create')}
      cancelText={t('common.cancel')}
      onOk={() => void submit()}
      onCancel={onClose}
      confirmLoading={create.fetching || update.fetching}
      forceRender
      okButtonProps={{ 'data-testid': 'department-form-ok' } as Record<string, string>}
      cancelButtonProps={{ 'data-testid': 'department-form-cancel' } as Record<string, string>}
    >
      {error && (
        <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="department-form-error" />
      )}
      <Form<Values> form={form} layout="vertical" data-testid="department-form">
        <Form.Item
          name="code"
          label={t('departments.code')}
          extra={editing ? t('departments.codeFixed') : t('departments.codeHint')}
          normalize={(v: string | undefined) => v?.replace(/\s+/g, '').toUpperCase()}
          rules={[
            { required: true, whitespace: true, message: t('departments.codeRequired') },
            { pattern: /^[A-Z][A-Z0-9_-]{1,31}$/, message: t('departments.codePattern') },
          ]}
        >
          <Input disabled={editing} maxLength={32} data-testid="department-code" />
        </Form.Item>
        <Form.Item
          name="name"
          label={t('departments.name')}
          rules={[{ required: true, whitespace: true, message: t('departments.nameRequired') }]}
        >
          <Input maxLength={100} data-testid="department-name" />
        </Form.Item>
        <Form.Item name="shortName" label={t('departments.shortName')} extra={t('departments.shortNameHint')}>
          <Input maxLength={50} data-testid="department-short-name" />
        </Form.Item>
        <Form.Item name="description" label={t('departments.description')}>
          <Input.TextArea rows={3} maxLength={1000} data-testid="department-description" />
        </Form.Item>
        <Form.Item name="sortOrder" label={t('departments.sortOrder')} extra={t('departments.sortOrderHint')}>
          <InputNumber min={0} max={9999} precision={0} style={{ width: 160 }} data-testid="department-sort-order" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
