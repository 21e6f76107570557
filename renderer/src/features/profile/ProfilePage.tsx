// Sponsor: the company profile attendees and organizers see — name, contact, website, description, category
// (what packages' allow-lists test) and logo, and the matching preferences (targeting). Everyone at the sponsor reads it; people with profile rights edit it.
import { useEffect, useState, type FormEvent } from 'react'
import { Alert, Button, Group, Image, Paper, SimpleGrid, Stack, Text, TextInput, Textarea } from '@mantine/core'
import type { SponsorProfileRecord } from '../../../../shared/org/org-records'
import { desktop, errorText } from '../../desktop/desktop-client'
import { useCommand } from '../../desktop/use-command'
import { notifyDone } from '../../ui/notify'
import { PageHeader } from '../../ui/PageHeader'
import { EmptyState, ErrorState, Loadable, LoadingState } from '../../ui/states'
import { useOwnSponsor } from './use-own-sponsor'
import { QualifierEditor } from './QualifierEditor'
import { TargetingEditor } from '../intelligence/TargetingEditor'

const isWebAddress = (text: string) => /^https?:\/\/[^\s.]+\.[^\s]+$/i.test(text)
const isEmail = (text: string) => /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(text)

export function ProfilePage({ orgId }: { orgId: string | null }) {
  const own = useOwnSponsor(orgId)
  const profile = useCommand('sponsor-profile', own.sponsor ? { sponsorId: own.sponsor.id } : null)
  return (
    <section aria-labelledby="profile-title">
      <PageHeader id="profile-title" title="Profile" description="Your company as attendees and organizers see it." />
      {own.error && <ErrorState message={own.error} />}
      {own.isLoading && <LoadingState label="Loading your sponsor…" />}
      {!own.isLoading && !own.sponsor && !own.error && (
        <EmptyState title="No sponsor here yet" description="This organization is not a sponsor at any event yet." />
      )}
      {own.sponsor && (
        <Loadable query={profile} loading="Loading the profile…">
          {(data) => (
            <ProfileForm key={data.updated_at} profile={data} canEdit={own.canEditProfile} onSaved={profile.setData} />
          )}
        </Loadable>
      )}
      {own.sponsor && <TargetingEditor sponsorId={own.sponsor.id} canEdit={own.canEditProfile} />}
      {own.sponsor && <QualifierEditor sponsor={own.sponsor} canEdit={own.canEditProfile} />}
    </section>
  )
}

function ProfileForm({
  profile,
  canEdit,
  onSaved,
}: {
  profile: SponsorProfileRecord
  canEdit: boolean
  onSaved: (profile: SponsorProfileRecord) => void
}) {
  const [name, setName] = useState(profile.company_name)
  const [contact, setContact] = useState(profile.contact_email ?? '')
  const [website, setWebsite] = useState(profile.website ?? '')
  const [description, setDescription] = useState(profile.description ?? '')
  const [category, setCategory] = useState(profile.category ?? '')
  const [logo, setLogo] = useState(profile.logo_url ?? '')
  const [error, setError] = useState<string | null>(null)
  const [isSaving, setIsSaving] = useState(false)
  const [logoFailed, setLogoFailed] = useState(false)
  useEffect(() => setLogoFailed(false), [logo])

  async function submit(e: FormEvent) {
    e.preventDefault()
    setError(null)
    if (!name.trim()) return setError('Enter the company’s name.')
    if (contact.trim() && !isEmail(contact.trim())) return setError('The contact email is not an email address.')
    if (website.trim() && !isWebAddress(website.trim()))
      return setError('The website must be a web address starting with https:// or http://.')
    if (logo.trim() && !isWebAddress(logo.trim()))
      return setError('The logo must be a web address of an image, starting with https:// or http://.')
    setIsSaving(true)
    try {
      const saved = await desktop.invoke('sponsor-profile-save', {
        sponsorId: profile.id,
        draft: {
          company_name: name.trim(),
          contact_email: contact.trim() || null,
          website: website.trim() || null,
          description: description.trim() || null,
          category: category.trim() || null,
          logo_url: logo.trim() || null,
        },
      })
      onSaved(saved)
      notifyDone('Saved the profile.')
    } catch (failure) {
      setError(errorText(failure))
    } finally {
      setIsSaving(false)
    }
  }

  return (
    <Paper withBorder radius="md" p="md" maw={820}>
      <form aria-label="Company profile" onSubmit={(e) => void submit(e)}>
        <Stack gap="sm">
          {!canEdit && (
            <Alert color="blue" variant="light">
              Only your sponsor’s admins can change the profile.
            </Alert>
          )}
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput
              label="Company name"
              required
              value={name}
              onChange={(e) => setName(e.currentTarget.value)}
              readOnly={!canEdit}
            />
            <TextInput
              label="Category"
              description="Your industry, e.g. Beverage: packages may be limited by it"
              value={category}
              onChange={(e) => setCategory(e.currentTarget.value)}
              readOnly={!canEdit}
            />
            <TextInput
              label="Contact email"
              type="email"
              value={contact}
              onChange={(e) => setContact(e.currentTarget.value)}
              readOnly={!canEdit}
            />
            <TextInput
              label="Website"
              placeholder="https://"
              value={website}
              onChange={(e) => setWebsite(e.currentTarget.value)}
              readOnly={!canEdit}
            />
          </SimpleGrid>
          <Textarea
            label="Description"
            autosize
            minRows={3}
            maxRows={8}
            maxLength={5000}
            value={description}
            onChange={(e) => setDescription(e.currentTarget.value)}
            readOnly={!canEdit}
          />
          <Group align="flex-end" wrap="nowrap">
            <TextInput
              label="Logo address"
              description="A web address of your logo image (https://…)"
              value={logo}
              onChange={(e) => setLogo(e.currentTarget.value)}
              readOnly={!canEdit}
              style={{ flex: 1 }}
            />
            {logo && isWebAddress(logo) && !logoFailed ? (
              <Image
                src={logo}
                alt={`Logo of ${name}`}
                h={56}
                w={56}
                fit="contain"
                radius="sm"
                onError={() => setLogoFailed(true)}
              />
            ) : (
              <Text size="xs" c="dimmed" w={56}>
                {logo ? 'No preview' : 'No logo'}
              </Text>
            )}
          </Group>
          {error && (
            <Alert color="red" role="alert">
              {error}
            </Alert>
          )}
          {canEdit && (
            <Group justify="flex-end">
              <Button type="submit" loading={isSaving}>
                Save profile
              </Button>
            </Group>
          )}
        </Stack>
      </form>
    </Paper>
  )
}
