import { useState } from 'react';
import { Alert, App, Form, Input, Modal } from 'antd';
import { useTranslation } from 'react-i18next';
import { useMutation } from 'urql';
import { graphql } from '../../gql';
import { useSession } from '../../auth/session';
import { errorCode, errorMessage } from '../../graphql/errors';

const ChangePasswordDialogMutation = graphql(`
  mutation ChangePasswordDialog_ChangePassword($currentPassword: String!, $newPassword: String!) {
    changePassword(currentPassword: $currentPassword, newPassword: $newPassword)
  }
`);

interface Values {
  currentPassword: string;
  newPassword: string;
  confirm: string;
}

export const MIN_PASSWORD_LENGTH = 8;

/** 修改密码: the signed-in user's own password. */
export function ChangePasswordDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [{ fetching }, change] = useMutation(ChangePasswordDialogMutation);
  const [error, setError] = useState<string | null>(null);
  const { user } = useSession();

  const close = () => {
    form.resetFields();
    setError(null);
    onClose();
  };

  const submit = async () => {
    const values = await form.validateFields();
    setError(null);
    const res = await change({ currentPassword: values.currentPassword, newPassword: values.newPassword });
    if (res.error) {
      const msg = errorMessage(res.error, t);
      const code = errorCode(res.error);
      if (code === 'BAD_USER_INPUT' && /new|新/i.test(msg)) {
        form.setFields([{ name: 'newPassword', errors: [msg] }]);
      } else if (code === 'BAD_USER_INPUT' || code === 'UNAUTHENTICATED') {
        form.setFields([{ name: 'currentPassword', errors: [msg] }]);
      } else {
        setError(msg);
      }
      return;
    }
    void message.success(t('password.changed'));
    close();
  };

  return (
    <Modal
      open={open}
      title={t('password.title')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      onOk={() => void submit().catch(() => undefined)}
      onCancel={close}
      confirmLoading={fetching}
      destroyOnHidden
      forceRender
      okButtonProps={{ 'data-testid': 'change-password-ok' } as Record<string, string>}
    >
      {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
      <Form<Values> form={form} layout="vertical" requiredMark={false}>
        {/* Lets password managers know whose password this is. */}
        <input type="text" name="username" autoComplete="username" value={user?.username ?? ''} readOnly hidden />
        <Form.Item name="currentPassword" label={t('password.current')} rules={[{ required: true, message: t('password.required') }]}>
          <Input.Password autoComplete="current-password" />
        </Form.Item>
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
