/* eslint-disable */
import * as types from './graphql';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  mutation TokenStore_Refresh($refreshToken: String!) {\n    refreshToken(refreshToken: $refreshToken) {\n      accessToken\n      accessTokenExpiresAt\n      refreshToken\n    }\n  }\n": typeof types.TokenStore_RefreshDocument,
    "\n  fragment SessionUser on User {\n    id\n    username\n    displayName\n    role\n    department {\n      id\n      code\n      name\n      shortName\n    }\n  }\n": typeof types.SessionUserFragmentDoc,
    "\n  query Session_Me {\n    me {\n      ...SessionUser\n    }\n  }\n": typeof types.Session_MeDocument,
    "\n  mutation Session_Logout($refreshToken: String) {\n    logout(refreshToken: $refreshToken)\n  }\n": typeof types.Session_LogoutDocument,
    "\n  query DepartmentSelect_Departments {\n    departments(includeInactive: true) {\n      id\n      code\n      name\n      active\n    }\n  }\n": typeof types.DepartmentSelect_DepartmentsDocument,
    "\n  query AuditPage_AuditLog($first: Int, $after: String, $filter: AuditFilter) {\n    auditLog(first: $first, after: $after, filter: $filter) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        cursor\n        node {\n          id\n          seq\n          at\n          actorId\n          actor\n          role\n          action\n          targetType\n          targetId\n          before\n          after\n          requestId\n          clientAddress\n          prevHash\n          hash\n        }\n      }\n    }\n  }\n": typeof types.AuditPage_AuditLogDocument,
    "\n  query AuditVerificationPanel_Verification {\n    auditVerification {\n      intact\n      entries\n      headSeq\n      headHash\n      firstBadSeq\n      message\n      checkpointSeq\n      checkedAt\n    }\n  }\n": typeof types.AuditVerificationPanel_VerificationDocument,
    "\n  mutation DepartmentFormModal_Create($input: CreateDepartmentInput!) {\n    createDepartment(input: $input) {\n      id\n      code\n      name\n      shortName\n      description\n      sortOrder\n      active\n      updatedAt\n    }\n  }\n": typeof types.DepartmentFormModal_CreateDocument,
    "\n  mutation DepartmentFormModal_Update($id: ID!, $input: UpdateDepartmentInput!) {\n    updateDepartment(id: $id, input: $input) {\n      id\n      code\n      name\n      shortName\n      description\n      sortOrder\n      active\n      updatedAt\n    }\n  }\n": typeof types.DepartmentFormModal_UpdateDocument,
    "\n  query DepartmentsPage_Departments($includeInactive: Boolean) {\n    departments(includeInactive: $includeInactive) {\n      id\n      code\n      name\n      shortName\n      description\n      sortOrder\n      active\n      updatedAt\n    }\n  }\n": typeof types.DepartmentsPage_DepartmentsDocument,
    "\n  mutation DepartmentsPage_SetActive($id: ID!, $active: Boolean!) {\n    setDepartmentActive(id: $id, active: $active) {\n      id\n      active\n      updatedAt\n    }\n  }\n": typeof types.DepartmentsPage_SetActiveDocument,
    "\n  mutation ChangePasswordDialog_ChangePassword($currentPassword: String!, $newPassword: String!) {\n    changePassword(currentPassword: $currentPassword, newPassword: $newPassword)\n  }\n": typeof types.ChangePasswordDialog_ChangePasswordDocument,
    "\n  mutation LoginPage_Login($username: String!, $password: String!) {\n    login(username: $username, password: $password) {\n      accessToken\n      accessTokenExpiresAt\n      refreshToken\n      user {\n        ...SessionUser\n      }\n    }\n  }\n": typeof types.LoginPage_LoginDocument,
    "\n  query OpenPage_Departments {\n    departments {\n      id\n      code\n      name\n    }\n  }\n": typeof types.OpenPage_DepartmentsDocument,
    "\n  mutation ResetPasswordModal_Reset($id: ID!, $newPassword: String!) {\n    resetUserPassword(id: $id, newPassword: $newPassword)\n  }\n": typeof types.ResetPasswordModal_ResetDocument,
    "\n  mutation UserFormModal_Create($input: CreateUserInput!) {\n    createUser(input: $input) {\n      id\n      username\n      displayName\n    }\n  }\n": typeof types.UserFormModal_CreateDocument,
    "\n  mutation UserFormModal_Update($id: ID!, $input: UpdateUserInput!) {\n    updateUser(id: $id, input: $input) {\n      id\n      username\n      displayName\n      role\n      department {\n        id\n        code\n        name\n      }\n      phone\n      email\n      updatedAt\n    }\n  }\n": typeof types.UserFormModal_UpdateDocument,
    "\n  query UsersPage_Users($first: Int, $after: String, $filter: UserFilter) {\n    users(first: $first, after: $after, filter: $filter) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        cursor\n        node {\n          id\n          username\n          displayName\n          role\n          department {\n            id\n            code\n            name\n          }\n          phone\n          email\n          disabled\n          lastLoginAt\n          createdAt\n        }\n      }\n    }\n  }\n": typeof types.UsersPage_UsersDocument,
    "\n  mutation UsersPage_SetDisabled($id: ID!, $disabled: Boolean!) {\n    setUserDisabled(id: $id, disabled: $disabled) {\n      id\n      disabled\n      updatedAt\n    }\n  }\n": typeof types.UsersPage_SetDisabledDocument,
};
const documents: Documents = {
    "\n  mutation TokenStore_Refresh($refreshToken: String!) {\n    refreshToken(refreshToken: $refreshToken) {\n      accessToken\n      accessTokenExpiresAt\n      refreshToken\n    }\n  }\n": types.TokenStore_RefreshDocument,
    "\n  fragment SessionUser on User {\n    id\n    username\n    displayName\n    role\n    department {\n      id\n      code\n      name\n      shortName\n    }\n  }\n": types.SessionUserFragmentDoc,
    "\n  query Session_Me {\n    me {\n      ...SessionUser\n    }\n  }\n": types.Session_MeDocument,
    "\n  mutation Session_Logout($refreshToken: String) {\n    logout(refreshToken: $refreshToken)\n  }\n": types.Session_LogoutDocument,
    "\n  query DepartmentSelect_Departments {\n    departments(includeInactive: true) {\n      id\n      code\n      name\n      active\n    }\n  }\n": types.DepartmentSelect_DepartmentsDocument,
    "\n  query AuditPage_AuditLog($first: Int, $after: String, $filter: AuditFilter) {\n    auditLog(first: $first, after: $after, filter: $filter) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        cursor\n        node {\n          id\n          seq\n          at\n          actorId\n          actor\n          role\n          action\n          targetType\n          targetId\n          before\n          after\n          requestId\n          clientAddress\n          prevHash\n          hash\n        }\n      }\n    }\n  }\n": types.AuditPage_AuditLogDocument,
    "\n  query AuditVerificationPanel_Verification {\n    auditVerification {\n      intact\n      entries\n      headSeq\n      headHash\n      firstBadSeq\n      message\n      checkpointSeq\n      checkedAt\n    }\n  }\n": types.AuditVerificationPanel_VerificationDocument,
    "\n  mutation DepartmentFormModal_Create($input: CreateDepartmentInput!) {\n    createDepartment(input: $input) {\n      id\n      code\n      name\n      shortName\n      description\n      sortOrder\n      active\n      updatedAt\n    }\n  }\n": types.DepartmentFormModal_CreateDocument,
    "\n  mutation DepartmentFormModal_Update($id: ID!, $input: UpdateDepartmentInput!) {\n    updateDepartment(id: $id, input: $input) {\n      id\n      code\n      name\n      shortName\n      description\n      sortOrder\n      active\n      updatedAt\n    }\n  }\n": types.DepartmentFormModal_UpdateDocument,
    "\n  query DepartmentsPage_Departments($includeInactive: Boolean) {\n    departments(includeInactive: $includeInactive) {\n      id\n      code\n      name\n      shortName\n      description\n      sortOrder\n      active\n      updatedAt\n    }\n  }\n": types.DepartmentsPage_DepartmentsDocument,
    "\n  mutation DepartmentsPage_SetActive($id: ID!, $active: Boolean!) {\n    setDepartmentActive(id: $id, active: $active) {\n      id\n      active\n      updatedAt\n    }\n  }\n": types.DepartmentsPage_SetActiveDocument,
    "\n  mutation ChangePasswordDialog_ChangePassword($currentPassword: String!, $newPassword: String!) {\n    changePassword(currentPassword: $currentPassword, newPassword: $newPassword)\n  }\n": types.ChangePasswordDialog_ChangePasswordDocument,
    "\n  mutation LoginPage_Login($username: String!, $password: String!) {\n    login(username: $username, password: $password) {\n      accessToken\n      accessTokenExpiresAt\n      refreshToken\n      user {\n        ...SessionUser\n      }\n    }\n  }\n": types.LoginPage_LoginDocument,
    "\n  query OpenPage_Departments {\n    departments {\n      id\n      code\n      name\n    }\n  }\n": types.OpenPage_DepartmentsDocument,
    "\n  mutation ResetPasswordModal_Reset($id: ID!, $newPassword: String!) {\n    resetUserPassword(id: $id, newPassword: $newPassword)\n  }\n": types.ResetPasswordModal_ResetDocument,
    "\n  mutation UserFormModal_Create($input: CreateUserInput!) {\n    createUser(input: $input) {\n      id\n      username\n      displayName\n    }\n  }\n": types.UserFormModal_CreateDocument,
    "\n  mutation UserFormModal_Update($id: ID!, $input: UpdateUserInput!) {\n    updateUser(id: $id, input: $input) {\n      id\n      username\n      displayName\n      role\n      department {\n        id\n        code\n        name\n      }\n      phone\n      email\n      updatedAt\n    }\n  }\n": types.UserFormModal_UpdateDocument,
    "\n  query UsersPage_Users($first: Int, $after: String, $filter: UserFilter) {\n    users(first: $first, after: $after, filter: $filter) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        cursor\n        node {\n          id\n          username\n          displayName\n          role\n          department {\n            id\n            code\n            name\n          }\n          phone\n          email\n          disabled\n          lastLoginAt\n          createdAt\n        }\n      }\n    }\n  }\n": types.UsersPage_UsersDocument,
    "\n  mutation UsersPage_SetDisabled($id: ID!, $disabled: Boolean!) {\n    setUserDisabled(id: $id, disabled: $disabled) {\n      id\n      disabled\n      updatedAt\n    }\n  }\n": types.UsersPage_SetDisabledDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation TokenStore_Refresh($refreshToken: String!) {\n    refreshToken(refreshToken: $refreshToken) {\n      accessToken\n      accessTokenExpiresAt\n      refreshToken\n    }\n  }\n"): (typeof documents)["\n  mutation TokenStore_Refresh($refreshToken: String!) {\n    refreshToken(refreshToken: $refreshToken) {\n      accessToken\n      accessTokenExpiresAt\n      refreshToken\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment SessionUser on User {\n    id\n    username\n    displayName\n    role\n    department {\n      id\n      code\n      name\n      shortName\n    }\n  }\n"): (typeof documents)["\n  fragment SessionUser on User {\n    id\n    username\n    displayName\n    role\n    department {\n      id\n      code\n      name\n      shortName\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Session_Me {\n    me {\n      ...SessionUser\n    }\n  }\n"): (typeof documents)["\n  query Session_Me {\n    me {\n      ...SessionUser\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Session_Logout($refreshToken: String) {\n    logout(refreshToken: $refreshToken)\n  }\n"): (typeof documents)["\n  mutation Session_Logout($refreshToken: String) {\n    logout(refreshToken: $refreshToken)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DepartmentSelect_Departments {\n    departments(includeInactive: true) {\n      id\n      code\n      name\n      active\n    }\n  }\n"): (typeof documents)["\n  query DepartmentSelect_Departments {\n    departments(includeInactive: true) {\n      id\n      code\n      name\n      active\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AuditPage_AuditLog($first: Int, $after: String, $filter: AuditFilter) {\n    auditLog(first: $first, after: $after, filter: $filter) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        cursor\n        node {\n          id\n          seq\n          at\n          actorId\n          actor\n          role\n          action\n          targetType\n          targetId\n          before\n          after\n          requestId\n          clientAddress\n          prevHash\n          hash\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query AuditPage_AuditLog($first: Int, $after: String, $filter: AuditFilter) {\n    auditLog(first: $first, after: $after, filter: $filter) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        cursor\n        node {\n          id\n          seq\n          at\n          actorId\n          actor\n          role\n          action\n          targetType\n          targetId\n          before\n          after\n          requestId\n          clientAddress\n          prevHash\n          hash\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AuditVerificationPanel_Verification {\n    auditVerification {\n      intact\n      entries\n      headSeq\n      headHash\n      firstBadSeq\n      message\n      checkpointSeq\n      checkedAt\n    }\n  }\n"): (typeof documents)["\n  query AuditVerificationPanel_Verification {\n    auditVerification {\n      intact\n      entries\n      headSeq\n      headHash\n      firstBadSeq\n      message\n      checkpointSeq\n      checkedAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DepartmentFormModal_Create($input: CreateDepartmentInput!) {\n    createDepartment(input: $input) {\n      id\n      code\n      name\n      shortName\n      description\n      sortOrder\n      active\n      updatedAt\n    }\n  }\n"): (typeof documents)["\n  mutation DepartmentFormModal_Create($input: CreateDepartmentInput!) {\n    createDepartment(input: $input) {\n      id\n      code\n      name\n      shortName\n      description\n      sortOrder\n      active\n      updatedAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DepartmentFormModal_Update($id: ID!, $input: UpdateDepartmentInput!) {\n    updateDepartment(id: $id, input: $input) {\n      id\n      code\n      name\n      shortName\n      description\n      sortOrder\n      active\n      updatedAt\n    }\n  }\n"): (typeof documents)["\n  mutation DepartmentFormModal_Update($id: ID!, $input: UpdateDepartmentInput!) {\n    updateDepartment(id: $id, input: $input) {\n      id\n      code\n      name\n      shortName\n      description\n      sortOrder\n      active\n      updatedAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query DepartmentsPage_Departments($includeInactive: Boolean) {\n    departments(includeInactive: $includeInactive) {\n      id\n      code\n      name\n      shortName\n      description\n      sortOrder\n      active\n      updatedAt\n    }\n  }\n"): (typeof documents)["\n  query DepartmentsPage_Departments($includeInactive: Boolean) {\n    departments(includeInactive: $includeInactive) {\n      id\n      code\n      name\n      shortName\n      description\n      sortOrder\n      active\n      updatedAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DepartmentsPage_SetActive($id: ID!, $active: Boolean!) {\n    setDepartmentActive(id: $id, active: $active) {\n      id\n      active\n      updatedAt\n    }\n  }\n"): (typeof documents)["\n  mutation DepartmentsPage_SetActive($id: ID!, $active: Boolean!) {\n    setDepartmentActive(id: $id, active: $active) {\n      id\n      active\n      updatedAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ChangePasswordDialog_ChangePassword($currentPassword: String!, $newPassword: String!) {\n    changePassword(currentPassword: $currentPassword, newPassword: $newPassword)\n  }\n"): (typeof documents)["\n  mutation ChangePasswordDialog_ChangePassword($currentPassword: String!, $newPassword: String!) {\n    changePassword(currentPassword: $currentPassword, newPassword: $newPassword)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation LoginPage_Login($username: String!, $password: String!) {\n    login(username: $username, password: $password) {\n      accessToken\n      accessTokenExpiresAt\n      refreshToken\n      user {\n        ...SessionUser\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation LoginPage_Login($username: String!, $password: String!) {\n    login(username: $username, password: $password) {\n      accessToken\n      accessTokenExpiresAt\n      refreshToken\n      user {\n        ...SessionUser\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query OpenPage_Departments {\n    departments {\n      id\n      code\n      name\n    }\n  }\n"): (typeof documents)["\n  query OpenPage_Departments {\n    departments {\n      id\n      code\n      name\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ResetPasswordModal_Reset($id: ID!, $newPassword: String!) {\n    resetUserPassword(id: $id, newPassword: $newPassword)\n  }\n"): (typeof documents)["\n  mutation ResetPasswordModal_Reset($id: ID!, $newPassword: String!) {\n    resetUserPassword(id: $id, newPassword: $newPassword)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UserFormModal_Create($input: CreateUserInput!) {\n    createUser(input: $input) {\n      id\n      username\n      displayName\n    }\n  }\n"): (typeof documents)["\n  mutation UserFormModal_Create($input: CreateUserInput!) {\n    createUser(input: $input) {\n      id\n      username\n      displayName\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UserFormModal_Update($id: ID!, $input: UpdateUserInput!) {\n    updateUser(id: $id, input: $input) {\n      id\n      username\n      displayName\n      role\n      department {\n        id\n        code\n        name\n      }\n      phone\n      email\n      updatedAt\n    }\n  }\n"): (typeof documents)["\n  mutation UserFormModal_Update($id: ID!, $input: UpdateUserInput!) {\n    updateUser(id: $id, input: $input) {\n      id\n      username\n      displayName\n      role\n      department {\n        id\n        code\n        name\n      }\n      phone\n      email\n      updatedAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query UsersPage_Users($first: Int, $after: String, $filter: UserFilter) {\n    users(first: $first, after: $after, filter: $filter) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        cursor\n        node {\n          id\n          username\n          displayName\n          role\n          department {\n            id\n            code\n            name\n          }\n          phone\n          email\n          disabled\n          lastLoginAt\n          createdAt\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query UsersPage_Users($first: Int, $after: String, $filter: UserFilter) {\n    users(first: $first, after: $after, filter: $filter) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        cursor\n        node {\n          id\n          username\n          displayName\n          role\n          department {\n            id\n            code\n            name\n          }\n          phone\n          email\n          disabled\n          lastLoginAt\n          createdAt\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UsersPage_SetDisabled($id: ID!, $disabled: Boolean!) {\n    setUserDisabled(id: $id, disabled: $disabled) {\n      id\n      disabled\n      updatedAt\n    }\n  }\n"): (typeof documents)["\n  mutation UsersPage_SetDisabled($id: ID!, $disabled: Boolean!) {\n    setUserDisabled(id: $id, disabled: $disabled) {\n      id\n      disabled\n      updatedAt\n    }\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;