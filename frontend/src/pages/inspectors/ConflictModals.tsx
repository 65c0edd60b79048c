import { useEffect, useRef, useState } from 'react';
import { Alert, Form, Input, Modal, Select, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useClient, useMutation } from 'urql';
import { graphql } from '../../gql';
import { errorMessage } from '../../graphql/errors';
import { MIN_SEARCH_LENGTH } from '../objects/filter';

const ConflictDeclareObjectsQuery = graphql(`
  query ConflictDeclareModal_Objects($search: String!) {
    objects(first: 20, filter: { search: $search }) {
      edges {
        node {
          id
          uid
          name
        }
      }
    }
  }
`);

const ConflictDeclareMutation = graphql(`
  mutation ConflictDeclareModal_Declare($inspectorId: ID!, $objectId: ID!, $reason: String!) {
    declareConflict(inspectorId: $inspectorId, objectId: $objectId, reason: $reason) {
      id
      conflicts {
        object {
          id
          uid
          name
        }
        reason
        declaredAt
      }
    }
  }
`);

const ConflictWithdrawMutation = graphql(`
  mutation ConflictWithdrawModal_Withdraw($inspectorId: ID!, $objectId: ID!, $reason: String!) {
    withdrawConflict(inspectorId: $inspectorId, objectId: $objectId, reason: $reason) {
      id
      conflicts {
        object {
          id
          uid
          name
        }
        reason
        declaredAt
      }
    }
  }
`);

interface Option {
  value: string;
  label: string;
}

/** A select that finds objects by name fragment or the start of their credit code. */
function ObjectSearchSelect({ value, onChange }: { value?: string; onChange?: (v: string) => void }) {
  const { t } = useTranslation();
  const client = useClient();
  const [options, setOptions] = useState<Option[]>([]);
  const [searching, setSearching] = useState(false);
  const [typed, setTyped] = useState('');
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const latest = useRef('');

  useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current);
    },
    [],
  );

  const search = (text: string) => {
    setTyped(text);
    if (timer.current) clearTimeout(timer.current);
    const s = text.trim();
    if (s.length < MIN_SEARCH_LENGTH) {
      setOptions([]);
      return;
    }
    timer.current = setTimeout(() => {
      latest.current = s;
      setSearching(true);
      void client
        .query(ConflictDeclareObjectsQuery, { search: /^[0-9A-Za-z]+$/.test(s) ? s.toUpperCase() : s })
        .toPromise()
        .then((res) => {
          if (latest.current !== s) return;
          setSearching(false);
          setOptions((res.data?.objects.edges ?? []).map((e) => ({ value: e.node.id, label: `${e.node.name}（${e.node.uid}）` })));
        });
    }, 300);
  };

  return (
    <Select<string>
      showSearch={{ filterOption: false, onSearch: search }}
      value={value}
      onChange={(v) => onChange?.(v)}
      options={options}
      loading={searching}
      placeholder={t('inspectors.objectSearchPlaceholder')}
      notFoundContent={
        typed.trim().length < MIN_SEARCH_LENGTH
          ? t('objects.searchTooShort')
          : searching
            ? t('common.loading')
            : t('inspectors.noObjectFound')
      }
      data-testid="conflict-object"
    />
  );
}

interface DeclareProps {
  inspector: { id: string; name: string } | null;
  onClose: () => void;
  onDone: () => void;
}

/** 登记回避: the inspector is never matched with the object. */
export function ConflictDeclareModal({ inspector, onClose, onDone }: DeclareProps) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ objectId: string; reason: string }>();
  const [{ fetching }, declare] = useMutation(ConflictDeclareMutation);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (inspector) {
      form.resetFields();
      setError(null);
    }
  }, [inspector, form]);

  const submit = async () => {
    if (!inspector) return;
    let v: { objectId: string; reason: string };
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    const res = await declare({ inspectorId: inspector.id, objectId: v.objectId, reason: v.reason.trim() });
    if (res.error) {
      const msg = errorMessage(res.error, t);
      if (res.error.graphQLErrors.some((e) => e.extensions?.field === 'reason')) form.setFields([{ name: 'reason', errors: [msg] }]);
      else setError(msg);
      return;
    }
    onDone();
  };

  return (
    <Modal
      open={inspector !== null}
      title={t('inspectors.declareTitle', { name: inspector?.name ?? '' })}
      okText={t('inspectors.declare')}
      cancelText={t('common.cancel')}
      onOk={() => void submit()}
      onCancel={onClose}
      confirmLoading={fetching}
      forceRender
      zIndex={1100}
      okButtonProps={{ 'data-testid': 'conflict-declare-ok' } as Record<string, string>}
    >
      <Typography.Paragraph type="secondary">{t('inspectors.declareHint')}</Typography.Paragraph>
      {error && <Alert type="error" showIcon title={error} />}
      <Form form={form} layout="vertical">
        <Form.Item
          name="objectId"
          label={t('inspectors.conflictObject')}
          rules={[{ required: true, message: t('inspectors.objectRequired') }]}
        >
          <ObjectSearchSelect />
        </Form.Item>
        <Form.Item
          name="reason"
          label={t('inspectors.conflictReason')}
          rules={[{ required: true, whitespace: true, message: t('inspectors.reasonRequired') }]}
        >
          <Input.TextArea
            rows={3}
            maxLength={500}
            showCount
            placeholder={t('inspectors.reasonPlaceholder')}
            data-testid="conflict-reason"
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}

interface WithdrawProps {
  target: { inspectorId: string; objectId: string; objectName: string } | null;
  onClose: () => void;
  onDone: () => void;
}

/** 撤销回避, with the reason (it is recorded in the audit trail). */
export function ConflictWithdrawModal({ target, onClose, onDone }: WithdrawProps) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ reason: string }>();
  const [{ fetching }, withdraw] = useMutation(ConflictWithdrawMutation);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (target) {
      form.resetFields();
      setError(null);
    }
  }, [target, form]);

  const submit = async () => {
    if (!target) return;
    let v: { reason: string };
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    const res = await withdraw({ inspectorId: target.inspectorId, objectId: target.objectId, reason: v.reason.trim() });
    if (res.error) {
      setError(errorMessage(res.error, t));
      return;
    }
    onDone();
  };

  return (
    <Modal
      open={target !== null}
      title={t('inspectors.withdrawTitle', { name: target?.objectName ?? '' })}
      okText={t('inspectors.withdraw')}
      okButtonProps={{ danger: true, ...({ 'data-testid': 'conflict-withdraw-ok' } as Record<string, string>) }}
      cancelText={t('common.cancel')}
      onOk={() => void submit()}
      onCancel={onClose}
      confirmLoading={fetching}
      forceRender
      zIndex={1100}
    >
      {error && <Alert type="error" showIcon title={error} />}
      <Form form={form} layout="vertical">
        <Form.Item
          name="reason"
          label={t('inspectors.withdrawReason')}
          rules={[{ required: true, whitespace: true, message: t('inspectors.reasonRequired') }]}
        >
          <Input.TextArea rows={3} maxLength={500} showCount data-testid="conflict-withdraw-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
