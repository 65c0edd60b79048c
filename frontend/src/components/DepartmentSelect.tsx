import { Select, type SelectProps } from 'antd';
import { useTranslation } from 'react-i18next';
import { useQuery } from 'urql';
import { graphql } from '../gql';

const DepartmentSelectQuery = graphql(`
  query DepartmentSelect_Departments {
    departments(includeInactive: true) {
      id
      code
      name
      active
    }
  }
`);

type Props = Omit<SelectProps<string>, 'options' | 'loading' | 'mode'>;

function useDepartmentOptions() {
  const { t } = useTranslation();
  const [{ data, fetching }] = useQuery({ query: DepartmentSelectQuery });
  const options = (data?.departments ?? []).map((d) => ({
    value: d.id,
    label: `${d.name}（${d.code}）${d.active ? '' : ` · ${t('departments.inactive')}`}`,
  }));
  return { options, fetching };
}

/** A select of departments (inactive ones marked), searchable by code or name. */
export function DepartmentSelect(props: Props) {
  const { t } = useTranslation();
  const { options, fetching } = useDepartmentOptions();
  return (
    <Select<string>
      showSearch={{ optionFilterProp: 'label' }}
      allowClear
      placeholder={t('users.selectDepartment')}
      {...props}
      loading={fetching}
      options={options}
    />
  );
}

type MultiProps = Omit<SelectProps<string[]>, 'options' | 'loading' | 'mode'>;

/** The same, choosing several departments. */
export function DepartmentMultiSelect(props: MultiProps) {
  const { t } = useTranslation();
  const { options, fetching } = useDepartmentOptions();
  return (
    <Select<string[]>
      mode="multiple"
      showSearch={{ optionFilterProp: 'label' }}
      allowClear
      placeholder={t('users.selectDepartment')}
      {...props}
      loading={fetching}
      options={options}
    />
  );
}
