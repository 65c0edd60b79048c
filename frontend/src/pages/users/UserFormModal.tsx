import { useEffect, useState } from 'react';
import { Alert, Form, Input, Modal, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { useMutation } from 'urql';
import { graphql } from '../../gql';
import type { Role, UpdateUserInput, UsersPage_UsersQuery } from '../../gql/graphql';
import { errorField, errorMessage } from '../../graphql/errors';
import { DepartmentSelect } from '../../components/DepartmentSelect';
import { MIN_PASSWORD_LENGTH } from '../layout/ChangePasswordDialog';
import { ROLES } from './roles';

const UserFormModalCreateMutation = graphql(`
  mutation UserFormModal_Create($input: CreateUserInput!) {
    createUser(input: $input) {
      id
      username
      displayName
    }
  }
`);

const UserFormModalUpdateMutation = graphql(`
  mutation UserFormModal_Update($id: ID!, $input: UpdateUserInput!) {
    updateUser(id: $id, input: $input) {
      id
      username
      displayName
      role
      department {
        id
        code
        name
      }
      phone
      email
      updatedAt
    }
  }
`);

export type UserRow = UsersPage_UsersQuery['users']['edges'][number]['node'];

interface Values {
  username: string;
  displayName: string;
  role: Role;
  departmentId?: string | null;
  password?: string;
  phone?: string;
  email?: string;
}

const FIELDS = {
  username: ['用户名'],
  displayName: ['姓名', '显示名'],
  role: ['角色'],
  departmentId: ['department', '部门'],
  password: ['密码'],
  phone: ['电话', '手机'],
  email: ['邮箱', '电子邮件'],
} as const;

const trimmed = (s: string | undefined | null) => (s ?? '').trim();

interface Props {
  open: boolean;
  user: UserRow | null;
  onClose: () => void;
  onSaved: (name: string) => void;
}

/** 新建用户 / 编辑用户. */
export function UserFormModal({ open, user, onClose, onSaved }: Props) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const [create, createUser] = useMutation(UserFormModalCreateMutation);
  const [update, updateUser] = useMutation(UserFormModalUpdateMutation);
  const [error, setError] = useState<string | null>(null);
  const role = Form.useWatch('role', form);
  const editing = user !== null;
  const needsDepartment = role === 'DEPT_ADMIN';
  const showDepartment = role === 'DEPT_ADMIN' || role === 'INSPECTOR';

  useEffect(() => {
    if (!open) return;
    setError(null);
    form.resetFields();
    if (user) {
      form.setFieldsValue({
        username: user.username,
        displayName: user.displayName,
        role: user.role,
        departmentId: user.department?.id ?? null,
        phone: user.phone ?? '',
        email: user.email ?? '',
      });
    } else {
      form.setFieldsValue({ role: 'INSPECTOR' });
    }
  }, [open, user, form]);

  const submit = async () => {
    let v: Values;
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    setError(null);
    const departmentId = showDepartment ? v.departmentId || undefined : undefined;
    let res;
    if (user) {
      // Send only what changed, so that nothing shown masked is written back.
      const input: UpdateUserInput = {};
      if (trimmed(v.displayName) !== user.displayName) input.displayName = trimmed(v.displayName);
      if (v.role !== user.role) input.role = v.role;
      if ((departmentId ?? null) !== (user.department?.id ?? null) && departmentId) input.departmentId = departmentId;
      if (trimmed(v.phone) !== (user.phone ?? '')) input.phone = trimmed(v.phone);
      if (trimmed(v.email) !== (user.email ?? '')) input.email = trimmed(v.email);
      if (Object.keys(input).length === 0) {
        onClose();
        return;
      }
      res = await updateUser({ id: user.id, input });
    } else {
      res = await createUser({
        input: {
          username: trimmed(v.username),
          displayName: trimmed(v.displayName),
          role: v.role,
          departmentId,
          password: v.password ?? '',
          phone: trimmed(v.phone) || undefined,
          email: trimmed(v.email) || undefined,
        },
      });
    }
    if (res.error) {
      const msg = errorMessage(res.error, t);
      const field = errorField(res.error, FIELDS);
      if (field) form.setFields([{ name: field, errors: [msg] }]);
      else setError(msg);
      return;
    }
    onSaved(trimmed(v.displayName));
  };

  return (
    <Modal
      open={open}
      title={editing ? t('users.editTitle', { name: user.username }) : t('users.createTitle')}
      okText={editing ? t('common.save') : t('common.create')}
      cancelText={t('common.cancel')}
      onOk={() => void submit()}
      onCancel={onClose}
      confirmLoading={create.fetching || update.fetching}
      forceRender
      okButtonProps={{ 'data-testid': 'user-form-ok' } as Record<string, string>}
      cancelButtonProps={{ 'data-testid': 'user-form-cancel' } as Record<string, string>}
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="user-form-error" />}
      <Form<Values> form={form} layout="vertical" data-testid="user-form">
        <Form.Item
          name="username"
          label={t('users.username')}
          extra={editing ? undefined : t('users.usernameHint')}
          rules={[
            { required: true, whitespace: true, message: t('users.usernameRequired') },
            { pattern: /^[A-Za-z0-9._-]{2,64}$/, message: t('users.usernamePattern') },
          ]}
        >
          <Input disabled={editing} autoComplete="off" data-testid="user-username" />
        </Form.Item>
        <Form.Item
          name="displayName"
          label={t('users.displayName')}
          rules={[{ required: true, whitespace: true, message: t('users.displayNameRequired') }]}
        >
          <Input maxLength={100} data-testid="user-display-name-input" />
        </Form.Item>
        <Form.Item name="role" label={t('users.role')} rules={[{ required: true }]}>
          <Select<Role> options={ROLES.map((r) => ({ value: r, label: t(`role.${r}`) }))} data-testid="user-role-select" />
        </Form.Item>
        {showDepartment && (
          <Form.Item
            name="departmentId"
            label={t('users.department')}
            rules={needsDepartment ? [{ required: true, message: t('users.departmentRequired') }] : []}
            extra={needsDepartment ? undefined : t('users.departmentOptional')}
          >
            <DepartmentSelect data-testid="user-department-select" />
          </Form.Item>
        )}
        {!editing && (
          <Form.Item
            name="password"
            label={t('users.initialPassword')}
            extra={t('password.hint', { min: MIN_PASSWORD_LENGTH })}
            rules={[
              { required: true, message: t('password.required') },
              { min: MIN_PASSWORD_LENGTH, message: t('password.tooShort', { min: MIN_PASSWORD_LENGTH }) },
            ]}
          >
            <Input.Password autoComplete="new-password" data-testid="user-password" />
          </Form.Item>
        )}
        <Form.Item name="phone" label={t('users.phone')} rules={[{ pattern: /^[0-9+\-\s]{0,20}$/, message: t('users.phonePattern') }]}>
          <Input maxLength={20} autoComplete="off" />
        </Form.Item>
        <Form.Item name="email" label={t('users.email')} rules={[{ type: 'email', message: t('users.emailPattern') }]}>
          <Input maxLength={200} autoComplete="off" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
