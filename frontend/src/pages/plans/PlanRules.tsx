import { Descriptions, Space, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { graphql } from '../../gql';
import type { PlanRules_PlanFragment } from '../../gql/graphql';
import { enumLabel } from '../../lib/enums';
import { ratioText } from './planLabels';

export const PlanRulesFragment = graphql(`
  fragment PlanRules_Plan on Plan {
    scope {
      kinds
      tags {
        id
        name
      }
      regionCodes
      industryCodes
      supervisingDepartments {
        id
        name
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
`);

/** Whom a plan may draw and by which rules: scope, strata, cap, avoidance, frequency. Staff and public pages alike. */
export function PlanRules({ plan, testid }: { plan: PlanRules_PlanFragment; testid?: string }) {
  const { t } = useTranslation();
  const any = t('plans.any');
  const yesNo = (v: boolean) => (v ? t('common.yes') : t('common.no'));
  return (
    <Descriptions column={{ xs: 1, md: 2 }} size="small" data-testid={testid}>
      <Descriptions.Item label={t('plans.kinds')}>{plan.scope.kinds.map((k) => enumLabel(t, 'ObjectKind', k)).join('、') || any}</Descriptions.Item>
      <Descriptions.Item label={t('plans.tags')}>{plan.scope.tags.map((x) => x.name).join('、') || any}</Descriptions.Item>
      <Descriptions.Item label={t('plans.regionCodes')}>{plan.scope.regionCodes.join('、') || any}</Descriptions.Item>
      <Descriptions.Item label={t('plans.industryCodes')}>{plan.scope.industryCodes.join('、') || any}</Descriptions.Item>
      <Descriptions.Item label={t('plans.supervising')}>{plan.scope.supervisingDepartments.map((d) => d.name).join('、') || any}</Descriptions.Item>
      <Descriptions.Item label={t('plans.activeOnly')}>{yesNo(plan.scope.activeOnly)}</Descriptions.Item>
      <Descriptions.Item label={t('plans.strata')}>
        <Space wrap>
          {plan.strata.map((s) => (
            <Tag key={s.label}>
              {s.label}：{ratioText(s.ratioBp, s.count, t)}
            </Tag>
          ))}
        </Space>
      </Descriptions.Item>
      <Descriptions.Item label={t('plans.cap')}>{plan.cap ?? t('plans.noCap')}</Descriptions.Item>
      <Descriptions.Item label={t('plans.avoidRecentMonths')}>{plan.avoidRecentMonths || t('common.no')}</Descriptions.Item>
      <Descriptions.Item label={t('plans.avoidOwnRegion')}>{yesNo(plan.avoidOwnRegion)}</Descriptions.Item>
      <Descriptions.Item label={t('plans.includeDrawnThisYear')}>
        {plan.includeDrawnThisYear ? `${t('common.yes')}（${plan.includeDrawnReason}）` : t('common.no')}
      </Descriptions.Item>
      <Descriptions.Item label={t('plans.publishPopulation')}>{yesNo(plan.publishPopulation)}</Descriptions.Item>
    </Descriptions>
  );
}
