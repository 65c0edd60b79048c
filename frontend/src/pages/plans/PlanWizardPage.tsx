import { useEffect, useState } from 'react';
import dayjs, { type Dayjs } from 'dayjs';
import {
  Alert,
  App,
  Button,
  Card,
  DatePicker,
  Descriptions,
  Form,
  Input,
  InputNumber,
  Radio,
  Select,
  Space,
  Spin,
  Steps,
  Switch,
  Table,
  Tag,
  Typography,
} from 'antd';
import { DeleteOutlined, LeftOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { useClient, useMutation, useQuery } from 'urql';
import { graphql } from '../../gql';
import type { PlanWizard_SimulateQuery } from '../../gql/graphql';
import { useSession } from '../../auth/session';
import { errorMessage } from '../../graphql/errors';
import { PageHeader } from '../../components/PageHeader';
import { DepartmentMultiSelect, DepartmentSelect } from '../../components/DepartmentSelect';
import { TagSelect } from '../../components/TagSelect';
import { OBJECT_KINDS, enumOptions } from '../../lib/enums';
import { PLAN_KINDS, ratioText } from './planLabels';
import { STRATA_LABELS, emptyPlanValues, fromPlan, toPlanInput, type PlanFormValues } from './form';

const PlanWizardPlanQuery = graphql(`
  query PlanWizard_Plan($id: ID!) {
    plan(id: $id) {
      id
      uid
      status
      kind
      name
      year
      initiator {
        id
      }
      windowStart
      windowEnd
      notes
      departments {
        department {
          id
        }
        perTeam
        items {
          id
        }
      }
      scope {
        kinds
        tags {
          id
        }
        regionCodes
        industryCodes
        supervisingDepartments {
          id
        }
        activeOnly
      }
      strata {
        label
        ratioBp
        count
      }
      cap
      avoidRecentMonths
      avoidOwnRegion
      includeDrawnThisYear
      includeDrawnReason
      publishPopulation
    }
  }
`);

const PlanWizardItemsQuery = graphql(`
  query PlanWizard_Items($filter: ItemFilter) {
    items(first: 200, filter: $filter) {
      edges {
        node {
          id
          code
          name
          version
        }
      }
    }
  }
`);

const PlanWizardCreateMutation = graphql(`
  mutation PlanWizard_Create($input: PlanInput!) {
    createPlan(input: $input) {
      id
      uid
      status
    }
  }
`);

const PlanWizardUpdateMutation = graphql(`
  mutation PlanWizard_Update($id: ID!, $input: PlanInput!) {
    updatePlan(id: $id, input: $input) {
      id
      uid
      status
    }
  }
`);

const PlanWizardSimulateQuery = graphql(`
  query PlanWizard_Simulate($id: ID!) {
    simulatePlan(id: $id) {
      populationSize
      sampleSize
      staffing
      bindingConstraint
      strata {
        label
        size
        sampleSize
        rule {
          label
          ratioBp
          count
        }
      }
      departments {
        department {
          id
          name
        }
        perTeam
        poolSize
        maxConflicts
        staffing
      }
    }
  }
`);

const PlanWizardSubmitMutation = graphql(`
  mutation PlanWizard_Submit($id: ID!) {
    submitPlan(id: $id) {
      id
      status
    }
  }
`);

type Simulation = PlanWizard_SimulateQuery['simulatePlan'];

const STEP_FIELDS: (string | (string | number)[])[][] = [
  ['kind', 'name', 'year', 'initiatorId', 'window'],
  ['departments'],
  ['kinds', 'tagIds', 'regionCodes', 'industryCodes', 'supervisingDepartmentIds', 'activeOnly'],
  [['strata', 'A'], ['strata', 'B'], ['strata', 'C'], ['strata', 'D']],
  ['cap', 'avoidRecentMonths', 'avoidOwnRegion', 'includeDrawnThisYear', 'includeDrawnReason', 'publishPopulation'],
  [],
];

type FormShape = Omit<PlanFormValues, 'windowStart' | 'windowEnd'> & { window?: [Dayjs, Dayjs] };

/** A department's ACTIVE items, to pick those of the plan. */
function ItemsOfDepartment({ departmentId, value, onChange }: { departmentId?: string; value?: string[]; onChange?: (v: string[]) => void }) {
  const { t } = useTranslation();
  const [{ data, fetching }] = useQuery({
    query: PlanWizardItemsQuery,
    variables: { filter: { departmentId, statuses: ['ACTIVE'] } },
    pause: !departmentId,
  });
  return (
    <Select<string[]>
      mode="multiple"
      value={value}
      onChange={onChange}
      loading={fetching}
      disabled={!departmentId}
      placeholder={t('plans.wizard.pickItems')}
      optionFilterProp="label"
      options={(data?.items.edges ?? []).map((e) => ({ value: e.node.id, label: `${e.node.code} ${e.node.name} v${e.node.version}` }))}
      data-testid="wizard-items"
    />
  );
}

/** 编制抽查计划 (/plans/new, /plans/:id/edit): the steps of a plan, its simulation, and submitting it. */
export default function PlanWizardPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const { id } = useParams();
  const { hasRole } = useSession();
  const [form] = Form.useForm<FormShape>();
  const [step, setStep] = useState(0);
  const [planId, setPlanId] = useState<string | null>(id ?? null);
  const [saving, setSaving] = useState(false);
  const [saveError, setSaveError] = useState<string | null>(null);
  const [sim, setSim] = useState<Simulation | null>(null);
  const [existing] = useQuery({ query: PlanWizardPlanQuery, variables: { id: id ?? '' }, pause: !id, requestPolicy: 'network-only' });
  const [, create] = useMutation(PlanWizardCreateMutation);
  const [, update] = useMutation(PlanWizardUpdateMutation);
  const [, submit] = useMutation(PlanWizardSubmitMutation);
  const client = useClient();
  const [simLoading, setSimLoading] = useState(false);
  const [simError, setSimError] = useState<string | null>(null);
  const includeDrawn = Form.useWatch('includeDrawnThisYear', form);
  const [loaded, setLoaded] = useState(!id);

  useEffect(() => {
    const p = existing.data?.plan;
    if (!p || loaded) return;
    const v = fromPlan(p);
    form.setFieldsValue({ ...v, window: [dayjs(v.windowStart), dayjs(v.windowEnd)] });
    setLoaded(true);
  }, [existing.data, form, loaded]);

  const simulate = async (pid: string) => {
    setSimLoading(true);
    setSimError(null);
    setSim(null);
    const r = await client.query(PlanWizardSimulateQuery, { id: pid }, { requestPolicy: 'network-only' }).toPromise();
    setSimLoading(false);
    if (r.error) setSimError(errorMessage(r.error, t));
    else if (r.data) setSim(r.data.simulatePlan);
  };

  const values = (): PlanFormValues => {
    const all = form.getFieldsValue(true) as FormShape;
    const [s, e] = all.window ?? [];
    return { ...all, windowStart: s?.format('YYYY-MM-DD'), windowEnd: e?.format('YYYY-MM-DD') };
  };

  const save = async (): Promise<string | null> => {
    setSaving(true);
    setSaveError(null);
    try {
      const input = toPlanInput(values());
      const r = planId ? await update({ id: planId, input }) : await create({ input });
      if (r.error) {
        setSaveError(errorMessage(r.error, t));
        return null;
      }
      const p = r.data && ('createPlan' in r.data ? r.data.createPlan : r.data.updatePlan);
      if (p) {
        setPlanId(p.id);
        if (!planId) window.history.replaceState(null, '', `/plans/${encodeURIComponent(p.id)}/edit`);
        return p.id;
      }
      return null;
    } finally {
      setSaving(false);
    }
  };

  const next = async () => {
    try {
      await form.validateFields(STEP_FIELDS[step] as never);
    } catch {
      return;
    }
    if (step === 4) {
      const saved = await save();
      if (!saved) return;
      message.success(t('plans.wizard.saved'));
      setStep(5);
      void simulate(saved);
      return;
    }
    setStep((s) => s + 1);
  };

  const doSubmit = async () => {
    if (!planId) return;
    setSaving(true);
    setSaveError(null);
    const r = await submit({ id: planId });
    setSaving(false);
    if (r.error) {
      setSaveError(errorMessage(r.error, t));
      return;
    }
    message.success(t('plans.actionDone'));
    navigate(`/plans/${encodeURIComponent(planId)}`);
  };

  if (id && !loaded) {
    return existing.error ? <Alert type="error" showIcon title={t('common.loadFailed')} description={errorMessage(existing.error, t)} /> : <Spin />;
  }
  const initial = emptyPlanValues(new Date().getFullYear());
  const show = (i: number) => ({ display: step === i ? undefined : 'none' });

  return (
    <div data-testid="plan-wizard">
      <Link to={planId ? `/plans/${encodeURIComponent(planId)}` : '/plans'}>
        <LeftOutlined /> {planId ? t('plans.backToPlan') : t('plans.title')}
      </Link>
      <PageHeader title={id ? t('plans.wizard.editTitle') : t('plans.wizard.newTitle')} description={t('plans.wizard.subtitle')} />
      <Steps
        current={step}
        size="small"
        style={{ marginBottom: 24 }}
        onChange={(s) => (s < step ? setStep(s) : undefined)}
        items={(['basics', 'departments', 'scope', 'strata', 'rules', 'simulation'] as const).map((k) => ({ title: t(`plans.wizard.step.${k}`) }))}
      />
      {saveError && <Alert type="error" showIcon title={saveError} closable onClose={() => setSaveError(null)} style={{ marginBottom: 16 }} data-testid="wizard-error" />}
      <Form<FormShape> form={form} layout="vertical" initialValues={initial} preserve style={{ maxWidth: 860 }}>
        <Card variant="borderless" style={show(0)}>
          <Form.Item name="kind" label={t('plans.kind')} rules={[{ required: true }]}>
            <Radio.Group options={enumOptions(t, 'PlanKind', PLAN_KINDS)} />
          </Form.Item>
          <Form.Item name="name" label={t('plans.name')} rules={[{ required: true, whitespace: true, message: t('plans.wizard.required') }]}>
            <Input maxLength={200} data-testid="wizard-name" />
          </Form.Item>
          <Space wrap size={24}>
            <Form.Item name="year" label={t('plans.year')} rules={[{ required: true }]}>
              <InputNumber min={2000} max={2100} />
            </Form.Item>
            <Form.Item name="window" label={t('plans.window')} rules={[{ required: true, message: t('plans.wizard.required') }]}>
              <DatePicker.RangePicker data-testid="wizard-window" />
            </Form.Item>
          </Space>
          {hasRole('ADMIN') && (
            <Form.Item name="initiatorId" label={t('plans.initiator')} rules={[{ required: true, message: t('plans.wizard.required') }]}>
              <DepartmentSelect style={{ maxWidth: 360 }} />
            </Form.Item>
          )}
          <Form.Item name="notes" label={t('plans.notes')}>
            <Input.TextArea rows={2} />
          </Form.Item>
        </Card>
        <Card variant="borderless" style={show(1)}>
          <Typography.Paragraph type="secondary">{t('plans.wizard.departmentsHint')}</Typography.Paragraph>
          <Form.List name="departments" rules={[{ validator: async (_, v: unknown[]) => (v?.length ? undefined : Promise.reject(new Error(t('plans.wizard.required')))) }]}>
            {(fields, { add, remove }) => (
              <>
                {fields.map((f) => (
                  <Card key={f.key} size="small" style={{ marginBottom: 12 }} data-testid="wizard-department">
                    <Space align="start" wrap style={{ width: '100%' }}>
                      <Form.Item name={[f.name, 'departmentId']} label={t('plans.wizard.department')} rules={[{ required: true, message: t('plans.wizard.required') }]}>
                        <DepartmentSelect style={{ width: 240 }} onChange={() => form.setFieldValue(['departments', f.name, 'itemIds'], [])} />
                      </Form.Item>
                      <Form.Item name={[f.name, 'perTeam']} label={t('plans.wizard.perTeam')} tooltip={t('plans.wizard.perTeamHint')}>
                        <InputNumber min={1} max={10} style={{ width: 100 }} />
                      </Form.Item>
                      <Button icon={<DeleteOutlined />} onClick={() => remove(f.name)} style={{ marginTop: 30 }} aria-label={t('common.remove')} />
                    </Space>
                    <Form.Item noStyle shouldUpdate>
                      {() => (
                        <Form.Item name={[f.name, 'itemIds']} label={t('plans.wizard.items')} rules={[{ required: true, type: 'array', min: 1, message: t('plans.wizard.required') }]}>
                          <ItemsOfDepartment departmentId={form.getFieldValue(['departments', f.name, 'departmentId']) as string | undefined} />
                        </Form.Item>
                      )}
                    </Form.Item>
                  </Card>
                ))}
                <Button icon={<PlusOutlined />} onClick={() => add({ itemIds: [] })}>
                  {t('plans.wizard.addDepartment')}
                </Button>
              </>
            )}
          </Form.List>
        </Card>
        <Card variant="borderless" style={show(2)}>
          <Form.Item name="kinds" label={t('plans.kinds')} rules={[{ required: true, type: 'array', min: 1, message: t('plans.wizard.required') }]}>
            <Select mode="multiple" allowClear options={enumOptions(t, 'ObjectKind', OBJECT_KINDS)} data-testid="wizard-kinds" />
          </Form.Item>
          <Form.Item name="tagIds" label={t('plans.tags')}>
            <TagSelect scope="OBJECT" allowClear />
          </Form.Item>
          <Form.Item name="regionCodes" label={t('plans.regionCodes')}>
            <Select mode="tags" tokenSeparators={[',', ' ', '，']} placeholder={t('plans.wizard.codesHint')} open={false} />
          </Form.Item>
          <Form.Item name="industryCodes" label={t('plans.industryCodes')}>
            <Select mode="tags" tokenSeparators={[',', ' ', '，']} placeholder={t('plans.wizard.codesHint')} open={false} />
          </Form.Item>
          <Form.Item name="supervisingDepartmentIds" label={t('plans.supervising')}>
            <DepartmentMultiSelect />
          </Form.Item>
          <Form.Item name="activeOnly" label={t('plans.activeOnly')} valuePropName="checked">
            <Switch />
          </Form.Item>
        </Card>
        <Card variant="borderless" style={show(3)}>
          <Typography.Paragraph type="secondary">{t('plans.wizard.strataHint')}</Typography.Paragraph>
          {STRATA_LABELS.map((label) => (
            <Space key={label} align="baseline" wrap style={{ display: 'flex' }}>
              <Tag style={{ width: 32, textAlign: 'center' }}>{label}</Tag>
              <Form.Item name={['strata', label, 'mode']} style={{ marginBottom: 12 }}>
                <Radio.Group
                  optionType="button"
                  options={[
                    { value: 'ratio', label: t('plans.wizard.byRatio') },
                    { value: 'count', label: t('plans.wizard.byCount') },
                    { value: 'none', label: t('plans.wizard.none') },
                  ]}
                />
              </Form.Item>
              <Form.Item noStyle shouldUpdate>
                {() => {
                  const mode = form.getFieldValue(['strata', label, 'mode']) as string;
                  if (mode === 'none') return null;
                  return (
                    <Form.Item
                      name={['strata', label, 'value']}
                      style={{ marginBottom: 12 }}
                      rules={[{ required: true, message: t('plans.wizard.required') }]}
                    >
                      <InputNumber
                        min={mode === 'ratio' ? 0.01 : 1}
                        max={mode === 'ratio' ? 100 : undefined}
                        step={mode === 'ratio' ? 0.5 : 1}
                        suffix={mode === 'ratio' ? '%' : t('plans.wizard.objects')}
                        style={{ width: 160 }}
                      />
                    </Form.Item>
                  );
                }}
              </Form.Item>
            </Space>
          ))}
        </Card>
        <Card variant="borderless" style={show(4)}>
          <Space wrap size={24}>
            <Form.Item name="cap" label={t('plans.cap')} tooltip={t('plans.wizard.capHint')}>
              <InputNumber min={1} placeholder={t('plans.noCap')} style={{ width: 160 }} />
            </Form.Item>
            <Form.Item name="avoidRecentMonths" label={t('plans.avoidRecentMonths')}>
              <InputNumber min={0} max={60} style={{ width: 160 }} />
            </Form.Item>
          </Space>
          <Form.Item name="avoidOwnRegion" label={t('plans.avoidOwnRegion')} valuePropName="checked">
            <Switch />
          </Form.Item>
          <Form.Item name="includeDrawnThisYear" label={t('plans.includeDrawnThisYear')} valuePropName="checked" tooltip={t('plans.wizard.includeDrawnHint')}>
            <Switch />
          </Form.Item>
          {includeDrawn && (
            <Form.Item name="includeDrawnReason" label={t('plans.wizard.includeDrawnReason')} rules={[{ required: true, whitespace: true, message: t('plans.wizard.required') }]}>
              <Input.TextArea rows={2} />
            </Form.Item>
          )}
          <Form.Item name="publishPopulation" label={t('plans.publishPopulation')} valuePropName="checked" tooltip={t('plans.wizard.publishPopulationHint')}>
            <Switch />
          </Form.Item>
        </Card>
      </Form>
      {step === 5 && (
        <Card variant="borderless" title={t('plans.wizard.step.simulation')} data-testid="wizard-simulation">
          {simError && <Alert type="error" showIcon title={simError} style={{ marginBottom: 12 }} />}
          {simLoading && <Spin />}
          {sim && (
            <>
              <Descriptions size="small" column={{ xs: 1, md: 3 }}>
                <Descriptions.Item label={t('draws.populationSize')}>{sim.populationSize}</Descriptions.Item>
                <Descriptions.Item label={t('plans.wizard.sampleSize')}>{sim.sampleSize}</Descriptions.Item>
                <Descriptions.Item label={t('plans.wizard.staffing')}>
                  <Tag color={sim.staffing === 'GUARANTEED' ? 'success' : 'warning'} data-testid="wizard-staffing">
                    {t(`plans.wizard.staffingOf.${sim.staffing}`)}
                  </Tag>
                </Descriptions.Item>
              </Descriptions>
              {sim.bindingConstraint && <Alert type="warning" showIcon title={t('plans.wizard.binding')} description={sim.bindingConstraint} style={{ margin: '12px 0' }} />}
              <Table
                rowKey="label"
                size="small"
                pagination={false}
                style={{ marginBottom: 16 }}
                dataSource={sim.strata}
                columns={[
                  { title: t('draws.stratum'), dataIndex: 'label' },
                  { title: t('plans.rule'), key: 'rule', render: (_, s) => ratioText(s.rule.ratioBp, s.rule.count, t) },
                  { title: t('draws.stratumSize'), dataIndex: 'size', align: 'right' },
                  { title: t('draws.sampleSize'), dataIndex: 'sampleSize', align: 'right' },
                ]}
              />
              <Table
                rowKey={(d) => d.department.id}
                size="small"
                pagination={false}
                dataSource={sim.departments}
                columns={[
                  { title: t('plans.wizard.department'), key: 'd', render: (_, d) => d.department.name },
                  { title: t('plans.wizard.perTeam'), dataIndex: 'perTeam', align: 'right' },
                  { title: t('plans.wizard.pool'), dataIndex: 'poolSize', align: 'right' },
                  { title: t('plans.wizard.maxConflicts'), dataIndex: 'maxConflicts', align: 'right' },
                  {
                    title: t('plans.wizard.staffing'),
                    dataIndex: 'staffing',
                    render: (s: string) => <Tag color={s === 'GUARANTEED' ? 'success' : 'warning'}>{t(`plans.wizard.staffingOf.${s === 'GUARANTEED' ? 'GUARANTEED' : 'AT_RISK'}`)}</Tag>,
                  },
                ]}
              />
            </>
          )}
        </Card>
      )}
      <Space style={{ marginTop: 16 }}>
        {step > 0 && <Button onClick={() => setStep((s) => s - 1)}>{t('plans.wizard.prev')}</Button>}
        {step < 5 && (
          <Button type="primary" onClick={() => void next()} loading={saving} data-testid="wizard-next">
            {step === 4 ? t('plans.wizard.saveAndSimulate') : t('plans.wizard.next')}
          </Button>
        )}
        {step === 5 && planId && (
          <>
            <Button onClick={() => navigate(`/plans/${encodeURIComponent(planId)}`)} data-testid="wizard-done">
              {t('plans.wizard.keepDraft')}
            </Button>
            <Button type="primary" onClick={() => void doSubmit()} loading={saving} data-testid="wizard-submit">
              {t('plans.action.submit')}
            </Button>
          </>
        )}
      </Space>
    </div>
  );
}
