// The one Mantine theme: dense desktop sizes, one brand colour, light and dark following the OS.
import { createTheme, type CSSVariablesResolver } from '@mantine/core'

const systemFont = 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif'

export const theme = createTheme({
  primaryColor: 'indigo',
  primaryShade: { light: 8, dark: 8 },
  defaultRadius: 'md',
  fontFamily: systemFont,
  headings: { fontFamily: systemFont, sizes: { h2: { fontSize: '1.35rem' } } },
  components: {
    Button: { defaultProps: { size: 'sm' } },
    TextInput: { defaultProps: { size: 'sm' } },
    NumberInput: { defaultProps: { size: 'sm' } },
    Select: { defaultProps: { size: 'sm' } },
    NativeSelect: { defaultProps: { size: 'sm' } },
    Textarea: { defaultProps: { size: 'sm', autosize: true, minRows: 2 } },
    Tooltip: { defaultProps: { withArrow: true } },
    // A notification's text under its title reads at full contrast (Mantine dims it below WCAG AA).
    Notification: { styles: { description: { color: 'var(--mantine-color-text)' } } },
    // Every dialog's and drawer's close button has a name.
    Modal: { defaultProps: { closeButtonProps: { 'aria-label': 'Close' } } },
    Drawer: { defaultProps: { closeButtonProps: { 'aria-label': 'Close' } } },
  },
})

/** Colours used in light (tinted) badges, alerts and buttons. */
const tintedColors = ['gray', 'red', 'orange', 'yellow', 'teal', 'green', 'blue', 'indigo', 'cyan', 'grape']

/**
 * Text dark enough (light scheme) and light enough (dark scheme) for WCAG AA contrast on every surface:
 * dimmed text, and the text of tinted ("light" variant) badges and alerts, which Mantine draws a shade too pale.
 */
export const cssVariablesResolver: CSSVariablesResolver = () => ({
  variables: {},
  light: {
    '--mantine-color-dimmed': 'var(--mantine-color-gray-7)',
    ...Object.fromEntries(
      tintedColors.map((color) => [
        `--mantine-color-${color}-light-color`,
        `color-mix(in srgb, var(--mantine-color-${color}-9) 72%, black)`,
      ]),
    ),
  },
  dark: {
    '--mantine-color-dimmed': 'var(--mantine-color-dark-1)',
    ...Object.fromEntries(
      tintedColors.map((color) => [`--mantine-color-${color}-light-color`, `var(--mantine-color-${color}-2)`]),
    ),
  },
})
