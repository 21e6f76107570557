// Request schemas of the sponsorship-package API (seed 001 §4.1); records live in shared/commerce.
import { Type } from 'typebox'
import { PackageFields, PackageRecord, Visibility } from '../../../shared/commerce/commerce-records'

const optional = Object.fromEntries(
  Object.entries(PackageFields).map(([key, schema]) => [key, Type.Optional(schema)]),
) as {
  [K in keyof typeof PackageFields]: ReturnType<typeof Type.Optional<(typeof PackageFields)[K]>>
}

export const CreatePackageBody = Type.Object(
  {
    event_id: Type.String({ format: 'uuid' }),
    template_id: Type.Optional(Type.String({ format: 'uuid' })),
    ...optional,
  },
  { additionalProperties: false },
)
export const PatchPackageBody = Type.Object(optional, { additionalProperties: false, minProperties: 1 })

export const PackageListQuery = Type.Object(
  { event_id: Type.Optional(Type.String({ format: 'uuid' })), visibility: Type.Optional(Visibility) },
  { additionalProperties: false },
)
export const PackageList = Type.Object({ data: Type.Array(PackageRecord) })
export const PackageIdParams = Type.Object({ id: Type.String({ format: 'uuid' }) }, { additionalProperties: false })
