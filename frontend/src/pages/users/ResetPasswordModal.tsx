import { useEffect, useState } from 'react';
import { Alert, Form, Input, Modal, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useMutation } from 'urql';
import { graphql } from '../../gql';
import { errorCode, errorMessage } from '../../graphql/errors';
import { MIN_PASSWORD_LENGTH } from '../layout/ChangePasswordDialog';
import type { UserRow } from './UserFormModal';

const ResetPasswordModalMutation = graphql(`
  mutation ResetPasswordModal_Reset($id: ID!, $newPassword: String!) {
    resetUserPassword(id: $id, newPassword: $newPassword)
  }
`);

interface Values {
  newPassword: string;
  confirm: string;
}

/** 重置密码 of another user (ADMIN). */
export function ResetPasswordModal({ user, onClose, onDone }: { user: UserRow | null; onClose: () => void; onDone: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const [{ fetching }, reset] = useMutation(ResetPasswordModalMutation);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (user) {
      form.resetFields();
      setError(null);
    }
  }, [user, form]);

  const submit = async () => {
    if (!user) return;
    let v: Values;
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    const res = await reset({ id: user.id, newPassword: v.newPassword });
    if (res.error) {
      const msg = errorMessage(res.error, t);
      if (errorCode(res.error) === 'BAD_USER_INPUT') form.setFields([{ name: 'newPassword', errors: [msg] }]);
      else setError(msg);
      return;
    }
    onDone();
  };

  return (
    <Modal
      open={user !== null}
      title={t('users.resetTitle', { name: user?.username ?? '' })}
      okText={t('users.resetPassword')}
      cancelText={t('common.cancel')}
      onOk={() => void submit()}
      onCancel={onClose}
      confirmLoading={fetching}
      forceRender
    >
      <Typography.Paragraph type="secondary">{t('users.resetHint')}</Typography.Paragraph>
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      <Form<Values> form={form} layout="vertical">
        <Form.Item
          name="newPassword"
          label={t('password.new')}
          extra={t('password.hint', { min: MIN_PASSWORD_LENGTH })}
          rules={[
            { required: true, message: t('password.required') },
            { min: MIN_PASSWORD_LENGTH, message: t('password.tooShort', { min: MIN_PASSWORD_LENGTH }) },
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          name="confirm"
          label={t('password.confirm')}
          dependencies={['newPassword']}
          rules={[
            { required: true, message: t('password.required') },
            ({ getFieldValue }) => ({
              validator: (_, value) =>
                !value || value === getFieldValue('newPassword') ? Promise.resolve() : Promise.reject(new Error(t('password.mismatch'))),
            }),
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
