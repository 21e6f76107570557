// A vocabulary value (an escrow state, an intent level, a follow-up status) as a coloured badge in human
// words, its one-sentence hint on hover. The words and tones come from shared/vocabulary.ts.
import { Badge, Tooltip, type BadgeProps, type MantineColor } from '@mantine/core'
import { termOf, type Tone, type Vocabulary } from '../../../shared/vocabulary'

export const toneColor: Record<Tone, MantineColor> = {
  neutral: 'gray',
  info: 'blue',
  positive: 'teal',
  warning: 'orange',
  danger: 'red',
}

export interface StatusBadgeProps<K extends string> extends Omit<BadgeProps, 'children' | 'color'> {
  vocabulary: Vocabulary<K>
  value: string | null | undefined
  /** Explain the value in a tooltip on hover (off in long lists: a tooltip per row is costly). */
  withHint?: boolean
}

export function StatusBadge<K extends string>({
  vocabulary,
  value,
  variant = 'light',
  tt = 'none',
  withHint = false,
  ...props
}: StatusBadgeProps<K>) {
  const term = termOf(vocabulary, value)
  const badge = (
    <Badge variant={variant} tt={tt} color={toneColor[term.tone]} {...props}>
      {term.label}
    </Badge>
  )
  return withHint && term.hint ? (
    <Tooltip label={term.hint} withArrow openDelay={300}>
      {badge}
    </Tooltip>
  ) : (
    badge
  )
}
