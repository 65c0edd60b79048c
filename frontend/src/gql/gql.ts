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
    "\n  query HistoryTimeline_Names {\n    departments(includeInactive: true) {\n      id\n      name\n    }\n    objectTags: tags(scope: OBJECT) {\n      id\n      name\n    }\n    qualificationTags: tags(scope: QUALIFICATION) {\n      id\n      name\n    }\n    expertiseTags: tags(scope: EXPERTISE) {\n      id\n      name\n    }\n  }\n": typeof types.HistoryTimeline_NamesDocument,
    "\n  query TagSelect_Tags($scope: TagScope!) {\n    tags(scope: $scope) {\n      id\n      code\n      name\n      description\n    }\n  }\n": typeof types.TagSelect_TagsDocument,
    "\n  query AuditPage_AuditLog($first: Int, $after: String, $filter: AuditFilter) {\n    auditLog(first: $first, after: $after, filter: $filter) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        cursor\n        node {\n          id\n          seq\n          at\n          actorId\n          actor\n          role\n          action\n          targetType\n          targetId\n          before\n          after\n          requestId\n          clientAddress\n          prevHash\n          hash\n        }\n      }\n    }\n  }\n": typeof types.AuditPage_AuditLogDocument,
    "\n  query AuditVerificationPanel_Verification {\n    auditVerification {\n      intact\n      entries\n      headSeq\n      headHash\n      firstBadSeq\n      message\n      checkpointSeq\n      checkedAt\n    }\n  }\n": typeof types.AuditVerificationPanel_VerificationDocument,
    "\n  mutation DepartmentFormModal_Create($input: CreateDepartmentInput!) {\n    createDepartment(input: $input) {\n      id\n      code\n      name\n      shortName\n      description\n      sortOrder\n      active\n      updatedAt\n    }\n  }\n": typeof types.DepartmentFormModal_CreateDocument,
    "\n  mutation DepartmentFormModal_Update($id: ID!, $input: UpdateDepartmentInput!) {\n    updateDepartment(id: $id, input: $input) {\n      id\n      code\n      name\n      shortName\n      description\n      sortOrder\n      active\n      updatedAt\n    }\n  }\n": typeof types.DepartmentFormModal_UpdateDocument,
    "\n  query DepartmentsPage_Departments($includeInactive: Boolean) {\n    departments(includeInactive: $includeInactive) {\n      id\n      code\n      name\n      shortName\n      description\n      sortOrder\n      active\n      updatedAt\n    }\n  }\n": typeof types.DepartmentsPage_DepartmentsDocument,
    "\n  mutation DepartmentsPage_SetActive($id: ID!, $active: Boolean!) {\n    setDepartmentActive(id: $id, active: $active) {\n      id\n      active\n      updatedAt\n    }\n  }\n": typeof types.DepartmentsPage_SetActiveDocument,
    "\n  fragment ImportJobView_Job on ImportJob {\n    id\n    kind\n    fileName\n    fileSize\n    status\n    dryRun\n    allOrNothing\n    totalRows\n    processedRows\n    created\n    updated\n    unchanged\n    rejected\n    message\n    createdBy\n    createdAt\n    startedAt\n    finishedAt\n  }\n": typeof types.ImportJobView_JobFragmentDoc,
    "\n  query ImportJobView_Job($id: ID!) {\n    importJob(id: $id) {\n      ...ImportJobView_Job\n    }\n  }\n": typeof types.ImportJobView_JobDocument,
    "\n  query ImportJobView_Errors($id: ID!, $first: Int, $after: String) {\n    importJob(id: $id) {\n      id\n      errors(first: $first, after: $after) {\n        totalCount\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n        edges {\n          cursor\n          node {\n            row\n            column\n            code\n            message\n          }\n        }\n      }\n    }\n  }\n": typeof types.ImportJobView_ErrorsDocument,
    "\n  mutation ImportPage_Start($kind: ImportKind!, $file: Upload!, $dryRun: Boolean, $allOrNothing: Boolean) {\n    startImport(kind: $kind, file: $file, dryRun: $dryRun, allOrNothing: $allOrNothing) {\n      ...ImportJobView_Job\n    }\n  }\n": typeof types.ImportPage_StartDocument,
    "\n  query ImportPage_Jobs($first: Int, $after: String) {\n    importJobs(first: $first, after: $after) {\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        cursor\n        node {\n          ...ImportJobView_Job\n        }\n      }\n    }\n  }\n": typeof types.ImportPage_JobsDocument,
    "\n  query ConflictDeclareModal_Objects($search: String!) {\n    objects(first: 20, filter: { search: $search }) {\n      edges {\n        node {\n          id\n          uid\n          name\n        }\n      }\n    }\n  }\n": typeof types.ConflictDeclareModal_ObjectsDocument,
    "\n  mutation ConflictDeclareModal_Declare($inspectorId: ID!, $objectId: ID!, $reason: String!) {\n    declareConflict(inspectorId: $inspectorId, objectId: $objectId, reason: $reason) {\n      id\n      conflicts {\n        object {\n          id\n          uid\n          name\n        }\n        reason\n        declaredAt\n      }\n    }\n  }\n": typeof types.ConflictDeclareModal_DeclareDocument,
    "\n  mutation ConflictWithdrawModal_Withdraw($inspectorId: ID!, $objectId: ID!, $reason: String!) {\n    withdrawConflict(inspectorId: $inspectorId, objectId: $objectId, reason: $reason) {\n      id\n      conflicts {\n        object {\n          id\n          uid\n          name\n        }\n        reason\n        declaredAt\n      }\n    }\n  }\n": typeof types.ConflictWithdrawModal_WithdrawDocument,
    "\n  fragment InspectorDetail_Inspector on Inspector {\n    id\n    uid\n    name\n    department {\n      id\n      code\n      name\n      shortName\n    }\n    kind\n    organisation\n    certificateNumber\n    certificateExpiresOn\n    qualifications {\n      id\n      code\n      name\n    }\n    expertise {\n      id\n      code\n      name\n    }\n    regionCode\n    phone\n    status\n    statusSince\n    username\n    version\n    createdAt\n    updatedAt\n  }\n": typeof types.InspectorDetail_InspectorFragmentDoc,
    "\n  query InspectorDetailDrawer_Inspector($id: ID!) {\n    inspector(id: $id) {\n      ...InspectorDetail_Inspector\n      conflicts {\n        object {\n          id\n          uid\n          name\n        }\n        reason\n        declaredAt\n      }\n      history(first: 50) {\n        version\n        changedAt\n        actor\n        source\n        changes\n      }\n    }\n  }\n": typeof types.InspectorDetailDrawer_InspectorDocument,
    "\n  mutation InspectorFormModal_Create($input: InspectorInput!) {\n    createInspector(input: $input) {\n      ...InspectorDetail_Inspector\n    }\n  }\n": typeof types.InspectorFormModal_CreateDocument,
    "\n  mutation InspectorFormModal_Update($id: ID!, $input: InspectorInput!) {\n    updateInspector(id: $id, input: $input) {\n      ...InspectorDetail_Inspector\n    }\n  }\n": typeof types.InspectorFormModal_UpdateDocument,
    "\n  query InspectorsPage_Inspectors($first: Int, $after: String, $filter: InspectorFilter) {\n    inspectors(first: $first, after: $after, filter: $filter) {\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        cursor\n        node {\n          id\n          uid\n          name\n          kind\n          organisation\n          status\n          certificateExpiresOn\n          department {\n            id\n            name\n            shortName\n          }\n          qualifications {\n            id\n            name\n          }\n          expertise {\n            id\n            name\n          }\n        }\n      }\n    }\n  }\n": typeof types.InspectorsPage_InspectorsDocument,
    "\n  query InspectorsPage_Count($filter: InspectorFilter) {\n    inspectors(first: 1, filter: $filter) {\n      totalCount\n    }\n  }\n": typeof types.InspectorsPage_CountDocument,
    "\n  mutation InspectorsPage_Export($format: ExportFormat!, $filter: InspectorFilter) {\n    exportInspectors(format: $format, filter: $filter) {\n      url\n      expiresAt\n    }\n  }\n": typeof types.InspectorsPage_ExportDocument,
    "\n  fragment ItemDetail_Version on Item {\n    id\n    code\n    version\n    current\n    name\n    basis\n    basisRefs {\n      law\n      article\n    }\n    subject\n    objectKinds\n    content\n    method\n    category\n    ratioCapBp\n    qualifications {\n      id\n      code\n      name\n    }\n    status\n    note\n    createdAt\n    department {\n      id\n      code\n      name\n    }\n  }\n": typeof types.ItemDetail_VersionFragmentDoc,
    "\n  query ItemDetailDrawer_Item($id: ID!) {\n    item(id: $id) {\n      ...ItemDetail_Version\n      versions {\n        ...ItemDetail_Version\n      }\n    }\n  }\n": typeof types.ItemDetailDrawer_ItemDocument,
    "\n  mutation ItemFormModal_Create($input: ItemInput!) {\n    createItem(input: $input) {\n      id\n      code\n      name\n      version\n    }\n  }\n": typeof types.ItemFormModal_CreateDocument,
    "\n  mutation ItemFormModal_Update($id: ID!, $input: ItemInput!) {\n    updateItem(id: $id, input: $input) {\n      id\n      code\n      name\n      version\n    }\n  }\n": typeof types.ItemFormModal_UpdateDocument,
    "\n  query ItemsPage_Items($first: Int, $after: String, $filter: ItemFilter) {\n    items(first: $first, after: $after, filter: $filter) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        cursor\n        node {\n          ...ItemsTable_Item\n        }\n      }\n    }\n  }\n": typeof types.ItemsPage_ItemsDocument,
    "\n  query ItemsPage_ItemForEdit($id: ID!) {\n    item(id: $id) {\n      ...ItemDetail_Version\n    }\n  }\n": typeof types.ItemsPage_ItemForEditDocument,
    "\n  mutation ItemsPage_Export($format: ExportFormat!, $filter: ItemFilter) {\n    exportItems(format: $format, filter: $filter) {\n      url\n      expiresAt\n    }\n  }\n": typeof types.ItemsPage_ExportDocument,
    "\n  fragment ItemsTable_Item on Item {\n    id\n    code\n    name\n    version\n    category\n    method\n    ratioCapBp\n    status\n    objectKinds\n    department {\n      id\n      code\n      name\n      shortName\n    }\n  }\n": typeof types.ItemsTable_ItemFragmentDoc,
    "\n  mutation ChangePasswordDialog_ChangePassword($currentPassword: String!, $newPassword: String!) {\n    changePassword(currentPassword: $currentPassword, newPassword: $newPassword)\n  }\n": typeof types.ChangePasswordDialog_ChangePasswordDocument,
    "\n  mutation LoginPage_Login($username: String!, $password: String!) {\n    login(username: $username, password: $password) {\n      accessToken\n      accessTokenExpiresAt\n      refreshToken\n      user {\n        ...SessionUser\n      }\n    }\n  }\n": typeof types.LoginPage_LoginDocument,
    "\n  fragment ObjectDetail_Object on InspectionObject {\n    id\n    uid\n    kind\n    name\n    legalRepresentative\n    address\n    regionCode\n    industryCode\n    registrationStatus\n    riskClass\n    riskChangedAt\n    riskSource\n    tags {\n      id\n      code\n      name\n    }\n    supervisingDepartments {\n      id\n      code\n      name\n      shortName\n    }\n    contactName\n    contactPhone\n    active\n    version\n    createdAt\n    updatedAt\n  }\n": typeof types.ObjectDetail_ObjectFragmentDoc,
    "\n  query ObjectDetailDrawer_Object($id: ID!) {\n    object(id: $id) {\n      ...ObjectDetail_Object\n      history(first: 50) {\n        version\n        changedAt\n        actor\n        source\n        changes\n      }\n    }\n  }\n": typeof types.ObjectDetailDrawer_ObjectDocument,
    "\n  mutation ObjectFormModal_Create($input: ObjectInput!) {\n    createObject(input: $input) {\n      ...ObjectDetail_Object\n    }\n  }\n": typeof types.ObjectFormModal_CreateDocument,
    "\n  mutation ObjectFormModal_Update($id: ID!, $input: ObjectInput!) {\n    updateObject(id: $id, input: $input) {\n      ...ObjectDetail_Object\n    }\n  }\n": typeof types.ObjectFormModal_UpdateDocument,
    "\n  query ObjectsPage_Objects($first: Int, $after: String, $filter: ObjectFilter) {\n    objects(first: $first, after: $after, filter: $filter) {\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        cursor\n        node {\n          id\n          uid\n          kind\n          name\n          regionCode\n          industryCode\n          riskClass\n          active\n          tags {\n            id\n            name\n          }\n          supervisingDepartments {\n            id\n            name\n            shortName\n          }\n        }\n      }\n    }\n  }\n": typeof types.ObjectsPage_ObjectsDocument,
    "\n  query ObjectsPage_Count($filter: ObjectFilter) {\n    objects(first: 1, filter: $filter) {\n      totalCount\n    }\n  }\n": typeof types.ObjectsPage_CountDocument,
    "\n  mutation ObjectsPage_Export($format: ExportFormat!, $filter: ObjectFilter) {\n    exportObjects(format: $format, filter: $filter) {\n      url\n      expiresAt\n    }\n  }\n": typeof types.ObjectsPage_ExportDocument,
    "\n  query OpenItemsPage_Departments {\n    departments {\n      id\n      code\n      name\n    }\n  }\n": typeof types.OpenItemsPage_DepartmentsDocument,
    "\n  query OpenItemsPage_Items($first: Int, $after: String, $filter: ItemFilter) {\n    items(first: $first, after: $after, filter: $filter) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        cursor\n        node {\n          ...ItemsTable_Item\n        }\n      }\n    }\n  }\n": typeof types.OpenItemsPage_ItemsDocument,
    "\n  mutation OpenItemsPage_Export($format: ExportFormat!, $filter: ItemFilter) {\n    exportItems(format: $format, filter: $filter) {\n      url\n      expiresAt\n    }\n  }\n": typeof types.OpenItemsPage_ExportDocument,
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
    "\n  query HistoryTimeline_Names {\n    departments(includeInactive: true) {\n      id\n      name\n    }\n    objectTags: tags(scope: OBJECT) {\n      id\n      name\n    }\n    qualificationTags: tags(scope: QUALIFICATION) {\n      id\n      name\n    }\n    expertiseTags: tags(scope: EXPERTISE) {\n      id\n      name\n    }\n  }\n": types.HistoryTimeline_NamesDocument,
    "\n  query TagSelect_Tags($scope: TagScope!) {\n    tags(scope: $scope) {\n      id\n      code\n      name\n      description\n    }\n  }\n": types.TagSelect_TagsDocument,
    "\n  query AuditPage_AuditLog($first: Int, $after: String, $filter: AuditFilter) {\n    auditLog(first: $first, after: $after, filter: $filter) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        cursor\n        node {\n          id\n          seq\n          at\n          actorId\n          actor\n          role\n          action\n          targetType\n          targetId\n          before\n          after\n          requestId\n          clientAddress\n          prevHash\n          hash\n        }\n      }\n    }\n  }\n": types.AuditPage_AuditLogDocument,
    "\n  query AuditVerificationPanel_Verification {\n    auditVerification {\n      intact\n      entries\n      headSeq\n      headHash\n      firstBadSeq\n      message\n      checkpointSeq\n      checkedAt\n    }\n  }\n": types.AuditVerificationPanel_VerificationDocument,
    "\n  mutation DepartmentFormModal_Create($input: CreateDepartmentInput!) {\n    createDepartment(input: $input) {\n      id\n      code\n      name\n      shortName\n      description\n      sortOrder\n      active\n      updatedAt\n    }\n  }\n": types.DepartmentFormModal_CreateDocument,
    "\n  mutation DepartmentFormModal_Update($id: ID!, $input: UpdateDepartmentInput!) {\n    updateDepartment(id: $id, input: $input) {\n      id\n      code\n      name\n      shortName\n      description\n      sortOrder\n      active\n      updatedAt\n    }\n  }\n": types.DepartmentFormModal_UpdateDocument,
    "\n  query DepartmentsPage_Departments($includeInactive: Boolean) {\n    departments(includeInactive: $includeInactive) {\n      id\n      code\n      name\n      shortName\n      description\n      sortOrder\n      active\n      updatedAt\n    }\n  }\n": types.DepartmentsPage_DepartmentsDocument,
    "\n  mutation DepartmentsPage_SetActive($id: ID!, $active: Boolean!) {\n    setDepartmentActive(id: $id, active: $active) {\n      id\n      active\n      updatedAt\n    }\n  }\n": types.DepartmentsPage_SetActiveDocument,
    "\n  fragment ImportJobView_Job on ImportJob {\n    id\n    kind\n    fileName\n    fileSize\n    status\n    dryRun\n    allOrNothing\n    totalRows\n    processedRows\n    created\n    updated\n    unchanged\n    rejected\n    message\n    createdBy\n    createdAt\n    startedAt\n    finishedAt\n  }\n": types.ImportJobView_JobFragmentDoc,
    "\n  query ImportJobView_Job($id: ID!) {\n    importJob(id: $id) {\n      ...ImportJobView_Job\n    }\n  }\n": types.ImportJobView_JobDocument,
    "\n  query ImportJobView_Errors($id: ID!, $first: Int, $after: String) {\n    importJob(id: $id) {\n      id\n      errors(first: $first, after: $after) {\n        totalCount\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n        edges {\n          cursor\n          node {\n            row\n            column\n            code\n            message\n          }\n        }\n      }\n    }\n  }\n": types.ImportJobView_ErrorsDocument,
    "\n  mutation ImportPage_Start($kind: ImportKind!, $file: Upload!, $dryRun: Boolean, $allOrNothing: Boolean) {\n    startImport(kind: $kind, file: $file, dryRun: $dryRun, allOrNothing: $allOrNothing) {\n      ...ImportJobView_Job\n    }\n  }\n": types.ImportPage_StartDocument,
    "\n  query ImportPage_Jobs($first: Int, $after: String) {\n    importJobs(first: $first, after: $after) {\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        cursor\n        node {\n          ...ImportJobView_Job\n        }\n      }\n    }\n  }\n": types.ImportPage_JobsDocument,
    "\n  query ConflictDeclareModal_Objects($search: String!) {\n    objects(first: 20, filter: { search: $search }) {\n      edges {\n        node {\n          id\n          uid\n          name\n        }\n      }\n    }\n  }\n": types.ConflictDeclareModal_ObjectsDocument,
    "\n  mutation ConflictDeclareModal_Declare($inspectorId: ID!, $objectId: ID!, $reason: String!) {\n    declareConflict(inspectorId: $inspectorId, objectId: $objectId, reason: $reason) {\n      id\n      conflicts {\n        object {\n          id\n          uid\n          name\n        }\n        reason\n        declaredAt\n      }\n    }\n  }\n": types.ConflictDeclareModal_DeclareDocument,
    "\n  mutation ConflictWithdrawModal_Withdraw($inspectorId: ID!, $objectId: ID!, $reason: String!) {\n    withdrawConflict(inspectorId: $inspectorId, objectId: $objectId, reason: $reason) {\n      id\n      conflicts {\n        object {\n          id\n          uid\n          name\n        }\n        reason\n        declaredAt\n      }\n    }\n  }\n": types.ConflictWithdrawModal_WithdrawDocument,
    "\n  fragment InspectorDetail_Inspector on Inspector {\n    id\n    uid\n    name\n    department {\n      id\n      code\n      name\n      shortName\n    }\n    kind\n    organisation\n    certificateNumber\n    certificateExpiresOn\n    qualifications {\n      id\n      code\n      name\n    }\n    expertise {\n      id\n      code\n      name\n    }\n    regionCode\n    phone\n    status\n    statusSince\n    username\n    version\n    createdAt\n    updatedAt\n  }\n": types.InspectorDetail_InspectorFragmentDoc,
    "\n  query InspectorDetailDrawer_Inspector($id: ID!) {\n    inspector(id: $id) {\n      ...InspectorDetail_Inspector\n      conflicts {\n        object {\n          id\n          uid\n          name\n        }\n        reason\n        declaredAt\n      }\n      history(first: 50) {\n        version\n        changedAt\n        actor\n        source\n        changes\n      }\n    }\n  }\n": types.InspectorDetailDrawer_InspectorDocument,
    "\n  mutation InspectorFormModal_Create($input: InspectorInput!) {\n    createInspector(input: $input) {\n      ...InspectorDetail_Inspector\n    }\n  }\n": types.InspectorFormModal_CreateDocument,
    "\n  mutation InspectorFormModal_Update($id: ID!, $input: InspectorInput!) {\n    updateInspector(id: $id, input: $input) {\n      ...InspectorDetail_Inspector\n    }\n  }\n": types.InspectorFormModal_UpdateDocument,
    "\n  query InspectorsPage_Inspectors($first: Int, $after: String, $filter: InspectorFilter) {\n    inspectors(first: $first, after: $after, filter: $filter) {\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        cursor\n        node {\n          id\n          uid\n          name\n          kind\n          organisation\n          status\n          certificateExpiresOn\n          department {\n            id\n            name\n            shortName\n          }\n          qualifications {\n            id\n            name\n          }\n          expertise {\n            id\n            name\n          }\n        }\n      }\n    }\n  }\n": types.InspectorsPage_InspectorsDocument,
    "\n  query InspectorsPage_Count($filter: InspectorFilter) {\n    inspectors(first: 1, filter: $filter) {\n      totalCount\n    }\n  }\n": types.InspectorsPage_CountDocument,
    "\n  mutation InspectorsPage_Export($format: ExportFormat!, $filter: InspectorFilter) {\n    exportInspectors(format: $format, filter: $filter) {\n      url\n      expiresAt\n    }\n  }\n": types.InspectorsPage_ExportDocument,
    "\n  fragment ItemDetail_Version on Item {\n    id\n    code\n    version\n    current\n    name\n    basis\n    basisRefs {\n      law\n      article\n    }\n    subject\n    objectKinds\n    content\n    method\n    category\n    ratioCapBp\n    qualifications {\n      id\n      code\n      name\n    }\n    status\n    note\n    createdAt\n    department {\n      id\n      code\n      name\n    }\n  }\n": types.ItemDetail_VersionFragmentDoc,
    "\n  query ItemDetailDrawer_Item($id: ID!) {\n    item(id: $id) {\n      ...ItemDetail_Version\n      versions {\n        ...ItemDetail_Version\n      }\n    }\n  }\n": types.ItemDetailDrawer_ItemDocument,
    "\n  mutation ItemFormModal_Create($input: ItemInput!) {\n    createItem(input: $input) {\n      id\n      code\n      name\n      version\n    }\n  }\n": types.ItemFormModal_CreateDocument,
    "\n  mutation ItemFormModal_Update($id: ID!, $input: ItemInput!) {\n    updateItem(id: $id, input: $input) {\n      id\n      code\n      name\n      version\n    }\n  }\n": types.ItemFormModal_UpdateDocument,
    "\n  query ItemsPage_Items($first: Int, $after: String, $filter: ItemFilter) {\n    items(first: $first, after: $after, filter: $filter) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        cursor\n        node {\n          ...ItemsTable_Item\n        }\n      }\n    }\n  }\n": types.ItemsPage_ItemsDocument,
    "\n  query ItemsPage_ItemForEdit($id: ID!) {\n    item(id: $id) {\n      ...ItemDetail_Version\n    }\n  }\n": types.ItemsPage_ItemForEditDocument,
    "\n  mutation ItemsPage_Export($format: ExportFormat!, $filter: ItemFilter) {\n    exportItems(format: $format, filter: $filter) {\n      url\n      expiresAt\n    }\n  }\n": types.ItemsPage_ExportDocument,
    "\n  fragment ItemsTable_Item on Item {\n    id\n    code\n    name\n    version\n    category\n    method\n    ratioCapBp\n    status\n    objectKinds\n    department {\n      id\n      code\n      name\n      shortName\n    }\n  }\n": types.ItemsTable_ItemFragmentDoc,
    "\n  mutation ChangePasswordDialog_ChangePassword($currentPassword: String!, $newPassword: String!) {\n    changePassword(currentPassword: $currentPassword, newPassword: $newPassword)\n  }\n": types.ChangePasswordDialog_ChangePasswordDocument,
    "\n  mutation LoginPage_Login($username: String!, $password: String!) {\n    login(username: $username, password: $password) {\n      accessToken\n      accessTokenExpiresAt\n      refreshToken\n      user {\n        ...SessionUser\n      }\n    }\n  }\n": types.LoginPage_LoginDocument,
    "\n  fragment ObjectDetail_Object on InspectionObject {\n    id\n    uid\n    kind\n    name\n    legalRepresentative\n    address\n    regionCode\n    industryCode\n    registrationStatus\n    riskClass\n    riskChangedAt\n    riskSource\n    tags {\n      id\n      code\n      name\n    }\n    supervisingDepartments {\n      id\n      code\n      name\n      shortName\n    }\n    contactName\n    contactPhone\n    active\n    version\n    createdAt\n    updatedAt\n  }\n": types.ObjectDetail_ObjectFragmentDoc,
    "\n  query ObjectDetailDrawer_Object($id: ID!) {\n    object(id: $id) {\n      ...ObjectDetail_Object\n      history(first: 50) {\n        version\n        changedAt\n        actor\n        source\n        changes\n      }\n    }\n  }\n": types.ObjectDetailDrawer_ObjectDocument,
    "\n  mutation ObjectFormModal_Create($input: ObjectInput!) {\n    createObject(input: $input) {\n      ...ObjectDetail_Object\n    }\n  }\n": types.ObjectFormModal_CreateDocument,
    "\n  mutation ObjectFormModal_Update($id: ID!, $input: ObjectInput!) {\n    updateObject(id: $id, input: $input) {\n      ...ObjectDetail_Object\n    }\n  }\n": types.ObjectFormModal_UpdateDocument,
    "\n  query ObjectsPage_Objects($first: Int, $after: String, $filter: ObjectFilter) {\n    objects(first: $first, after: $after, filter: $filter) {\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        cursor\n        node {\n          id\n          uid\n          kind\n          name\n          regionCode\n          industryCode\n          riskClass\n          active\n          tags {\n            id\n            name\n          }\n          supervisingDepartments {\n            id\n            name\n            shortName\n          }\n        }\n      }\n    }\n  }\n": types.ObjectsPage_ObjectsDocument,
    "\n  query ObjectsPage_Count($filter: ObjectFilter) {\n    objects(first: 1, filter: $filter) {\n      totalCount\n    }\n  }\n": types.ObjectsPage_CountDocument,
    "\n  mutation ObjectsPage_Export($format: ExportFormat!, $filter: ObjectFilter) {\n    exportObjects(format: $format, filter: $filter) {\n      url\n      expiresAt\n    }\n  }\n": types.ObjectsPage_ExportDocument,
    "\n  query OpenItemsPage_Departments {\n    departments {\n      id\n      code\n      name\n    }\n  }\n": types.OpenItemsPage_DepartmentsDocument,
    "\n  query OpenItemsPage_Items($first: Int, $after: String, $filter: ItemFilter) {\n    items(first: $first, after: $after, filter: $filter) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        cursor\n        node {\n          ...ItemsTable_Item\n        }\n      }\n    }\n  }\n": types.OpenItemsPage_ItemsDocument,
    "\n  mutation OpenItemsPage_Export($format: ExportFormat!, $filter: ItemFilter) {\n    exportItems(format: $format, filter: $filter) {\n      url\n      expiresAt\n    }\n  }\n": types.OpenItemsPage_ExportDocument,
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
export function graphql(source: "\n  query HistoryTimeline_Names {\n    departments(includeInactive: true) {\n      id\n      name\n    }\n    objectTags: tags(scope: OBJECT) {\n      id\n      name\n    }\n    qualificationTags: tags(scope: QUALIFICATION) {\n      id\n      name\n    }\n    expertiseTags: tags(scope: EXPERTISE) {\n      id\n      name\n    }\n  }\n"): (typeof documents)["\n  query HistoryTimeline_Names {\n    departments(includeInactive: true) {\n      id\n      name\n    }\n    objectTags: tags(scope: OBJECT) {\n      id\n      name\n    }\n    qualificationTags: tags(scope: QUALIFICATION) {\n      id\n      name\n    }\n    expertiseTags: tags(scope: EXPERTISE) {\n      id\n      name\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query TagSelect_Tags($scope: TagScope!) {\n    tags(scope: $scope) {\n      id\n      code\n      name\n      description\n    }\n  }\n"): (typeof documents)["\n  query TagSelect_Tags($scope: TagScope!) {\n    tags(scope: $scope) {\n      id\n      code\n      name\n      description\n    }\n  }\n"];
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
export function graphql(source: "\n  fragment ImportJobView_Job on ImportJob {\n    id\n    kind\n    fileName\n    fileSize\n    status\n    dryRun\n    allOrNothing\n    totalRows\n    processedRows\n    created\n    updated\n    unchanged\n    rejected\n    message\n    createdBy\n    createdAt\n    startedAt\n    finishedAt\n  }\n"): (typeof documents)["\n  fragment ImportJobView_Job on ImportJob {\n    id\n    kind\n    fileName\n    fileSize\n    status\n    dryRun\n    allOrNothing\n    totalRows\n    processedRows\n    created\n    updated\n    unchanged\n    rejected\n    message\n    createdBy\n    createdAt\n    startedAt\n    finishedAt\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ImportJobView_Job($id: ID!) {\n    importJob(id: $id) {\n      ...ImportJobView_Job\n    }\n  }\n"): (typeof documents)["\n  query ImportJobView_Job($id: ID!) {\n    importJob(id: $id) {\n      ...ImportJobView_Job\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ImportJobView_Errors($id: ID!, $first: Int, $after: String) {\n    importJob(id: $id) {\n      id\n      errors(first: $first, after: $after) {\n        totalCount\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n        edges {\n          cursor\n          node {\n            row\n            column\n            code\n            message\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query ImportJobView_Errors($id: ID!, $first: Int, $after: String) {\n    importJob(id: $id) {\n      id\n      errors(first: $first, after: $after) {\n        totalCount\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n        edges {\n          cursor\n          node {\n            row\n            column\n            code\n            message\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ImportPage_Start($kind: ImportKind!, $file: Upload!, $dryRun: Boolean, $allOrNothing: Boolean) {\n    startImport(kind: $kind, file: $file, dryRun: $dryRun, allOrNothing: $allOrNothing) {\n      ...ImportJobView_Job\n    }\n  }\n"): (typeof documents)["\n  mutation ImportPage_Start($kind: ImportKind!, $file: Upload!, $dryRun: Boolean, $allOrNothing: Boolean) {\n    startImport(kind: $kind, file: $file, dryRun: $dryRun, allOrNothing: $allOrNothing) {\n      ...ImportJobView_Job\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ImportPage_Jobs($first: Int, $after: String) {\n    importJobs(first: $first, after: $after) {\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        cursor\n        node {\n          ...ImportJobView_Job\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query ImportPage_Jobs($first: Int, $after: String) {\n    importJobs(first: $first, after: $after) {\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        cursor\n        node {\n          ...ImportJobView_Job\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ConflictDeclareModal_Objects($search: String!) {\n    objects(first: 20, filter: { search: $search }) {\n      edges {\n        node {\n          id\n          uid\n          name\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query ConflictDeclareModal_Objects($search: String!) {\n    objects(first: 20, filter: { search: $search }) {\n      edges {\n        node {\n          id\n          uid\n          name\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConflictDeclareModal_Declare($inspectorId: ID!, $objectId: ID!, $reason: String!) {\n    declareConflict(inspectorId: $inspectorId, objectId: $objectId, reason: $reason) {\n      id\n      conflicts {\n        object {\n          id\n          uid\n          name\n        }\n        reason\n        declaredAt\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation ConflictDeclareModal_Declare($inspectorId: ID!, $objectId: ID!, $reason: String!) {\n    declareConflict(inspectorId: $inspectorId, objectId: $objectId, reason: $reason) {\n      id\n      conflicts {\n        object {\n          id\n          uid\n          name\n        }\n        reason\n        declaredAt\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ConflictWithdrawModal_Withdraw($inspectorId: ID!, $objectId: ID!, $reason: String!) {\n    withdrawConflict(inspectorId: $inspectorId, objectId: $objectId, reason: $reason) {\n      id\n      conflicts {\n        object {\n          id\n          uid\n          name\n        }\n        reason\n        declaredAt\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation ConflictWithdrawModal_Withdraw($inspectorId: ID!, $objectId: ID!, $reason: String!) {\n    withdrawConflict(inspectorId: $inspectorId, objectId: $objectId, reason: $reason) {\n      id\n      conflicts {\n        object {\n          id\n          uid\n          name\n        }\n        reason\n        declaredAt\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment InspectorDetail_Inspector on Inspector {\n    id\n    uid\n    name\n    department {\n      id\n      code\n      name\n      shortName\n    }\n    kind\n    organisation\n    certificateNumber\n    certificateExpiresOn\n    qualifications {\n      id\n      code\n      name\n    }\n    expertise {\n      id\n      code\n      name\n    }\n    regionCode\n    phone\n    status\n    statusSince\n    username\n    version\n    createdAt\n    updatedAt\n  }\n"): (typeof documents)["\n  fragment InspectorDetail_Inspector on Inspector {\n    id\n    uid\n    name\n    department {\n      id\n      code\n      name\n      shortName\n    }\n    kind\n    organisation\n    certificateNumber\n    certificateExpiresOn\n    qualifications {\n      id\n      code\n      name\n    }\n    expertise {\n      id\n      code\n      name\n    }\n    regionCode\n    phone\n    status\n    statusSince\n    username\n    version\n    createdAt\n    updatedAt\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query InspectorDetailDrawer_Inspector($id: ID!) {\n    inspector(id: $id) {\n      ...InspectorDetail_Inspector\n      conflicts {\n        object {\n          id\n          uid\n          name\n        }\n        reason\n        declaredAt\n      }\n      history(first: 50) {\n        version\n        changedAt\n        actor\n        source\n        changes\n      }\n    }\n  }\n"): (typeof documents)["\n  query InspectorDetailDrawer_Inspector($id: ID!) {\n    inspector(id: $id) {\n      ...InspectorDetail_Inspector\n      conflicts {\n        object {\n          id\n          uid\n          name\n        }\n        reason\n        declaredAt\n      }\n      history(first: 50) {\n        version\n        changedAt\n        actor\n        source\n        changes\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation InspectorFormModal_Create($input: InspectorInput!) {\n    createInspector(input: $input) {\n      ...InspectorDetail_Inspector\n    }\n  }\n"): (typeof documents)["\n  mutation InspectorFormModal_Create($input: InspectorInput!) {\n    createInspector(input: $input) {\n      ...InspectorDetail_Inspector\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation InspectorFormModal_Update($id: ID!, $input: InspectorInput!) {\n    updateInspector(id: $id, input: $input) {\n      ...InspectorDetail_Inspector\n    }\n  }\n"): (typeof documents)["\n  mutation InspectorFormModal_Update($id: ID!, $input: InspectorInput!) {\n    updateInspector(id: $id, input: $input) {\n      ...InspectorDetail_Inspector\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query InspectorsPage_Inspectors($first: Int, $after: String, $filter: InspectorFilter) {\n    inspectors(first: $first, after: $after, filter: $filter) {\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        cursor\n        node {\n          id\n          uid\n          name\n          kind\n          organisation\n          status\n          certificateExpiresOn\n          department {\n            id\n            name\n            shortName\n          }\n          qualifications {\n            id\n            name\n          }\n          expertise {\n            id\n            name\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query InspectorsPage_Inspectors($first: Int, $after: String, $filter: InspectorFilter) {\n    inspectors(first: $first, after: $after, filter: $filter) {\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        cursor\n        node {\n          id\n          uid\n          name\n          kind\n          organisation\n          status\n          certificateExpiresOn\n          department {\n            id\n            name\n            shortName\n          }\n          qualifications {\n            id\n            name\n          }\n          expertise {\n            id\n            name\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query InspectorsPage_Count($filter: InspectorFilter) {\n    inspectors(first: 1, filter: $filter) {\n      totalCount\n    }\n  }\n"): (typeof documents)["\n  query InspectorsPage_Count($filter: InspectorFilter) {\n    inspectors(first: 1, filter: $filter) {\n      totalCount\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation InspectorsPage_Export($format: ExportFormat!, $filter: InspectorFilter) {\n    exportInspectors(format: $format, filter: $filter) {\n      url\n      expiresAt\n    }\n  }\n"): (typeof documents)["\n  mutation InspectorsPage_Export($format: ExportFormat!, $filter: InspectorFilter) {\n    exportInspectors(format: $format, filter: $filter) {\n      url\n      expiresAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ItemDetail_Version on Item {\n    id\n    code\n    version\n    current\n    name\n    basis\n    basisRefs {\n      law\n      article\n    }\n    subject\n    objectKinds\n    content\n    method\n    category\n    ratioCapBp\n    qualifications {\n      id\n      code\n      name\n    }\n    status\n    note\n    createdAt\n    department {\n      id\n      code\n      name\n    }\n  }\n"): (typeof documents)["\n  fragment ItemDetail_Version on Item {\n    id\n    code\n    version\n    current\n    name\n    basis\n    basisRefs {\n      law\n      article\n    }\n    subject\n    objectKinds\n    content\n    method\n    category\n    ratioCapBp\n    qualifications {\n      id\n      code\n      name\n    }\n    status\n    note\n    createdAt\n    department {\n      id\n      code\n      name\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ItemDetailDrawer_Item($id: ID!) {\n    item(id: $id) {\n      ...ItemDetail_Version\n      versions {\n        ...ItemDetail_Version\n      }\n    }\n  }\n"): (typeof documents)["\n  query ItemDetailDrawer_Item($id: ID!) {\n    item(id: $id) {\n      ...ItemDetail_Version\n      versions {\n        ...ItemDetail_Version\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ItemFormModal_Create($input: ItemInput!) {\n    createItem(input: $input) {\n      id\n      code\n      name\n      version\n    }\n  }\n"): (typeof documents)["\n  mutation ItemFormModal_Create($input: ItemInput!) {\n    createItem(input: $input) {\n      id\n      code\n      name\n      version\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ItemFormModal_Update($id: ID!, $input: ItemInput!) {\n    updateItem(id: $id, input: $input) {\n      id\n      code\n      name\n      version\n    }\n  }\n"): (typeof documents)["\n  mutation ItemFormModal_Update($id: ID!, $input: ItemInput!) {\n    updateItem(id: $id, input: $input) {\n      id\n      code\n      name\n      version\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ItemsPage_Items($first: Int, $after: String, $filter: ItemFilter) {\n    items(first: $first, after: $after, filter: $filter) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        cursor\n        node {\n          ...ItemsTable_Item\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query ItemsPage_Items($first: Int, $after: String, $filter: ItemFilter) {\n    items(first: $first, after: $after, filter: $filter) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        cursor\n        node {\n          ...ItemsTable_Item\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ItemsPage_ItemForEdit($id: ID!) {\n    item(id: $id) {\n      ...ItemDetail_Version\n    }\n  }\n"): (typeof documents)["\n  query ItemsPage_ItemForEdit($id: ID!) {\n    item(id: $id) {\n      ...ItemDetail_Version\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ItemsPage_Export($format: ExportFormat!, $filter: ItemFilter) {\n    exportItems(format: $format, filter: $filter) {\n      url\n      expiresAt\n    }\n  }\n"): (typeof documents)["\n  mutation ItemsPage_Export($format: ExportFormat!, $filter: ItemFilter) {\n    exportItems(format: $format, filter: $filter) {\n      url\n      expiresAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ItemsTable_Item on Item {\n    id\n    code\n    name\n    version\n    category\n    method\n    ratioCapBp\n    status\n    objectKinds\n    department {\n      id\n      code\n      name\n      shortName\n    }\n  }\n"): (typeof documents)["\n  fragment ItemsTable_Item on Item {\n    id\n    code\n    name\n    version\n    category\n    method\n    ratioCapBp\n    status\n    objectKinds\n    department {\n      id\n      code\n      name\n      shortName\n    }\n  }\n"];
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
export function graphql(source: "\n  fragment ObjectDetail_Object on InspectionObject {\n    id\n    uid\n    kind\n    name\n    legalRepresentative\n    address\n    regionCode\n    industryCode\n    registrationStatus\n    riskClass\n    riskChangedAt\n    riskSource\n    tags {\n      id\n      code\n      name\n    }\n    supervisingDepartments {\n      id\n      code\n      name\n      shortName\n    }\n    contactName\n    contactPhone\n    active\n    version\n    createdAt\n    updatedAt\n  }\n"): (typeof documents)["\n  fragment ObjectDetail_Object on InspectionObject {\n    id\n    uid\n    kind\n    name\n    legalRepresentative\n    address\n    regionCode\n    industryCode\n    registrationStatus\n    riskClass\n    riskChangedAt\n    riskSource\n    tags {\n      id\n      code\n      name\n    }\n    supervisingDepartments {\n      id\n      code\n      name\n      shortName\n    }\n    contactName\n    contactPhone\n    active\n    version\n    createdAt\n    updatedAt\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ObjectDetailDrawer_Object($id: ID!) {\n    object(id: $id) {\n      ...ObjectDetail_Object\n      history(first: 50) {\n        version\n        changedAt\n        actor\n        source\n        changes\n      }\n    }\n  }\n"): (typeof documents)["\n  query ObjectDetailDrawer_Object($id: ID!) {\n    object(id: $id) {\n      ...ObjectDetail_Object\n      history(first: 50) {\n        version\n        changedAt\n        actor\n        source\n        changes\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ObjectFormModal_Create($input: ObjectInput!) {\n    createObject(input: $input) {\n      ...ObjectDetail_Object\n    }\n  }\n"): (typeof documents)["\n  mutation ObjectFormModal_Create($input: ObjectInput!) {\n    createObject(input: $input) {\n      ...ObjectDetail_Object\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ObjectFormModal_Update($id: ID!, $input: ObjectInput!) {\n    updateObject(id: $id, input: $input) {\n      ...ObjectDetail_Object\n    }\n  }\n"): (typeof documents)["\n  mutation ObjectFormModal_Update($id: ID!, $input: ObjectInput!) {\n    updateObject(id: $id, input: $input) {\n      ...ObjectDetail_Object\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ObjectsPage_Objects($first: Int, $after: String, $filter: ObjectFilter) {\n    objects(first: $first, after: $after, filter: $filter) {\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        cursor\n        node {\n          id\n          uid\n          kind\n          name\n          regionCode\n          industryCode\n          riskClass\n          active\n          tags {\n            id\n            name\n          }\n          supervisingDepartments {\n            id\n            name\n            shortName\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query ObjectsPage_Objects($first: Int, $after: String, $filter: ObjectFilter) {\n    objects(first: $first, after: $after, filter: $filter) {\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        cursor\n        node {\n          id\n          uid\n          kind\n          name\n          regionCode\n          industryCode\n          riskClass\n          active\n          tags {\n            id\n            name\n          }\n          supervisingDepartments {\n            id\n            name\n            shortName\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ObjectsPage_Count($filter: ObjectFilter) {\n    objects(first: 1, filter: $filter) {\n      totalCount\n    }\n  }\n"): (typeof documents)["\n  query ObjectsPage_Count($filter: ObjectFilter) {\n    objects(first: 1, filter: $filter) {\n      totalCount\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ObjectsPage_Export($format: ExportFormat!, $filter: ObjectFilter) {\n    exportObjects(format: $format, filter: $filter) {\n      url\n      expiresAt\n    }\n  }\n"): (typeof documents)["\n  mutation ObjectsPage_Export($format: ExportFormat!, $filter: ObjectFilter) {\n    exportObjects(format: $format, filter: $filter) {\n      url\n      expiresAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query OpenItemsPage_Departments {\n    departments {\n      id\n      code\n      name\n    }\n  }\n"): (typeof documents)["\n  query OpenItemsPage_Departments {\n    departments {\n      id\n      code\n      name\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query OpenItemsPage_Items($first: Int, $after: String, $filter: ItemFilter) {\n    items(first: $first, after: $after, filter: $filter) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        cursor\n        node {\n          ...ItemsTable_Item\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query OpenItemsPage_Items($first: Int, $after: String, $filter: ItemFilter) {\n    items(first: $first, after: $after, filter: $filter) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        cursor\n        node {\n          ...ItemsTable_Item\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation OpenItemsPage_Export($format: ExportFormat!, $filter: ItemFilter) {\n    exportItems(format: $format, filter: $filter) {\n      url\n      expiresAt\n    }\n  }\n"): (typeof documents)["\n  mutation OpenItemsPage_Export($format: ExportFormat!, $filter: ItemFilter) {\n    exportItems(format: $format, filter: $filter) {\n      url\n      expiresAt\n    }\n  }\n"];
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