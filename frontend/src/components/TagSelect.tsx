import { Select, type SelectProps } from 'antd';
import { useTranslation } from 'react-i18next';
import { useQuery } from 'urql';
import { graphql } from '../gql';
import type { TagScope } from '../gql/graphql';

const TagSelectQuery = graphql(`
  query TagSelect_Tags($scope: TagScope!) {
    tags(scope: $scope) {
      id
      code
      name
      description
    }
  }
`);

type Props = Omit<SelectProps<string[]>, 'options' | 'loading' | 'mode'> & { scope: TagScope };

const PLACEHOLDER: Record<TagScope, string> = {
  OBJECT: 'tags.pickObject',
  EXPERTISE: 'tags.pickExpertise',
  QUALIFICATION: 'tags.pickQualification',
};

/** A multiple select of the tags of one scope (分类标注, 专业领域, 执法资格). */
export function TagSelect({ scope, ...props }: Props) {
  const { t } = useTranslation();
  const [{ data, fetching }] = useQuery({ query: TagSelectQuery, variables: { scope } });
  const options = (data?.tags ?? []).map((tag) => ({ value: tag.id, label: tag.name, title: tag.description || tag.code }));
  return (
    <Select<string[]>
      mode="multiple"
      allowClear
      showSearch={{ optionFilterProp: 'label' }}
      maxTagCount="responsive"
      placeholder={t(PLACEHOLDER[scope])}
      {...props}
      loading={fetching}
      options={options}
    />
  );
}
