// Workspaces and their members (seed 001 §20.1). Any member of an organizer organization may create a workspace
// (becoming its owner); within one, the workspace role decides (server/workspaces/workspace-access.ts).
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox'
import { Type } from 'typebox'
import { organizerReaders, tenantOf } from '../../plugins/access'
import {
  archiveWorkspace,
  createWorkspace,
  getWorkspace,
  listWorkspaces,
  patchWorkspace,
} from '../../workspaces/workspace-service'
import {
  addWorkspaceMember,
  changeMemberRole,
  listWorkspaceMembers,
  removeWorkspaceMember,
} from '../../workspaces/member-service'
import { errorResponses, orgHeader } from '../schemas'
import {
  AddMemberBody,
  ChangeMemberBody,
  CreatedWorkspace,
  CreateWorkspaceBody,
  MemberList,
  MemberParams,
  PatchWorkspaceBody,
  WorkspaceList,
  WorkspaceListQuery,
  WorkspaceMemberRecord,
  WorkspaceParams,
  WorkspaceRecord,
} from './schemas'
import { memberWire, workspaceWire } from './wire'

const tags = ['command center']
const base = '/v1/sponsorship-workspaces'
const one = `${base}/:workspace_id`

const routes: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    base,
    {
      config: { access: organizerReaders },
      schema: {
        tags,
        summary:
          'Create a workspace: the requester becomes owner; auto_invite addresses are invited by email with default_role (409 slug-taken)',
        headers: orgHeader,
        body: CreateWorkspaceBody,
        response: { 201: CreatedWorkspace, ...errorResponses },
      },
    },
    async (request, reply) => {
      const body = request.body
      const made = await createWorkspace(app, tenantOf(request), {
        name: body.name,
        slug: body.slug,
        defaultRole: body.default_role ?? 'viewer',
        autoInvite: body.auto_invite ?? [],
        settings: body.settings,
      })
      return reply.status(201).send({
        ...workspaceWire(made.workspace, made.role),
        invitations: made.invitations.map(({ id, email, role, status, delivery }) => ({
          id,
          email,
          role,
          status,
          delivery,
        })),
      })
    },
  )

  app.get(
    base,
    {
      config: { access: organizerReaders },
      schema: {
        tags,
        summary: "The caller's workspaces in the organization",
        headers: orgHeader,
        querystring: WorkspaceListQuery,
        response: { 200: WorkspaceList, ...errorResponses },
      },
    },
    async (request) => {
      const rows = await listWorkspaces(app, tenantOf(request), request.query.include_archived ?? false)
      return { data: rows.map((r) => workspaceWire(r.workspace, r.role)) }
    },
  )

  app.get(
    one,
    {
      config: { access: organizerReaders },
      schema: {
        tags,
        summary: 'A workspace (members only)',
        headers: orgHeader,
        params: WorkspaceParams,
        response: { 200: WorkspaceRecord, ...errorResponses },
      },
    },
    async (request) => {
      const { workspace, role } = await getWorkspace(app, tenantOf(request), request.params.workspace_id)
      return workspaceWire(workspace, role)
    },
  )

  app.patch(
    one,
    {
      config: { access: organizerReaders },
      schema: {
        tags,
        summary: "Change a workspace's name, slug, default role or settings (owners)",
        headers: orgHeader,
        params: WorkspaceParams,
        body: PatchWorkspaceBody,
        response: { 200: WorkspaceRecord, ...errorResponses },
      },
    },
    async (request) => {
      const body = request.body
      const { workspace, role } = await patchWorkspace(app, tenantOf(request), request.params.workspace_id, {
        name: body.name,
        slug: body.slug,
        defaultRole: body.default_role,
        settings: body.settings,
      })
      return workspaceWire(workspace, role)
    },
  )

  app.post(
    `${one}/archive`,
    {
      config: { access: organizerReaders },
      schema: {
        tags,
        summary: 'Archive a workspace (owners): it stays readable; its live stream, rollups and notifications stop',
        headers: orgHeader,
        params: WorkspaceParams,
        response: { 200: WorkspaceRecord, ...errorResponses },
      },
    },
    async (request) => {
      const { workspace, role } = await archiveWorkspace(app, tenantOf(request), request.params.workspace_id)
      return workspaceWire(workspace, role)
    },
  )

  app.get(
    `${one}/members`,
    {
      config: { access: organizerReaders },
      schema: {
        tags,
        summary: "A workspace's members and their roles",
        headers: orgHeader,
        params: WorkspaceParams,
        response: { 200: MemberList, ...errorResponses },
      },
    },
    async (request) => ({
      data: (await listWorkspaceMembers(app, tenantOf(request), request.params.workspace_id)).map(memberWire),
    }),
  )

  app.post(
    `${one}/members`,
    {
      config: { access: organizerReaders },
      schema: {
        tags,
        summary: 'Add a member of the organization to the workspace by email (owners)',
        headers: orgHeader,
        params: WorkspaceParams,
        body: AddMemberBody,
        response: { 201: WorkspaceMemberRecord, ...errorResponses },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(memberWire(await addWorkspaceMember(app, tenantOf(request), request.params.workspace_id, request.body))),
  )

  app.patch(
    `${one}/members/:user_id`,
    {
      config: { access: organizerReaders },
      schema: {
        tags,
        summary: "Change a member's role (owners; the last owner stays owner: 409 last-owner)",
        headers: orgHeader,
        params: MemberParams,
        body: ChangeMemberBody,
        response: { 200: WorkspaceMemberRecord, ...errorResponses },
      },
    },
    async (request) =>
      memberWire(
        await changeMemberRole(
          app,
          tenantOf(request),
          request.params.workspace_id,
          request.params.user_id,
          request.body.role,
        ),
      ),
  )

  app.delete(
    `${one}/members/:user_id`,
    {
      config: { access: organizerReaders },
      schema: {
        tags,
        summary: 'Remove a member (owners; not the last owner)',
        headers: orgHeader,
        params: MemberParams,
        response: { 200: Type.Object({ removed: WorkspaceMemberRecord }), ...errorResponses },
      },
    },
    async (request) => {
      const removed = await removeWorkspaceMember(
        app,
        tenantOf(request),
        request.params.workspace_id,
        request.params.user_id,
      )
      await app.commandCenterLive.accessChanged(request.params.workspace_id)
      return { removed: memberWire(removed) }
    },
  )
}

export default routes
