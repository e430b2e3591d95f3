import type React from 'react';
import { createTheme, type PaletteMode, type Theme } from '@mui/material/styles';
import { deDE, enUS } from '@mui/material/locale';
import useMediaQuery from '@mui/material/useMediaQuery';
import { useMemo } from 'react';
import { isLanguage, useTranslation, type Language } from '../i18n';

/** MUI's own words (an alert's Close button, pagination) in the UI language. */
const MUI_LOCALES = { en: enUS, de: deDE } satisfies Record<Language, object>;

/** Fingerprints, addresses, NetIds and paths: characters people compare one by one. */
const MONO_STACK = 'ui-monospace, "Cascadia Mono", Consolas, "Liberation Mono", monospace';

declare module '@mui/material/styles' {
  interface TypographyVariants {
    mono: React.CSSProperties;
  }
  interface TypographyVariantsOptions {
    mono?: React.CSSProperties;
  }
}

declare module '@mui/material/Typography' {
  interface TypographyPropsVariantOverrides {
    mono: true;
  }
}

const NO_MOTION = { shortest: 0, shorter: 0, short: 0, standard: 0, complex: 0, enteringScreen: 0, leavingScreen: 0 };

/**
 * A calm, dense look for an engineering tool: tables carry the information, colour is kept for status
 * (green verified, red failed, amber needs attention) so it stays meaningful.
 */
export function createAppTheme(mode: PaletteMode, reducedMotion = false, language: Language = 'en'): Theme {
  const dark = mode === 'dark';
  return createTheme(
    {
      // People who ask their OS for less motion get dialogs and menus that appear at once.
      ...(reducedMotion ? { transitions: { create: () => 'none', duration: NO_MOTION } } : {}),
      palette: {
        mode,
        primary: { main: dark ? '#64b5f6' : '#1f5fa8' },
        secondary: { main: dark ? '#90a4ae' : '#455a64' },
        // Filled status chips carry text on these colours; the contrast texts keep them readable (WCAG AA).
        success: dark ? { main: '#66bb6a', contrastText: '#0b1f0c' } : { main: '#2e7d32', contrastText: '#ffffff' },
        error: dark ? { main: '#ef5350', contrastText: '#1f0707' } : { main: '#c62828', contrastText: '#ffffff' },
        warning: dark ? { main: '#ffb300', contrastText: '#1f1600' } : { main: '#ffa000', dark: '#8a5300', contrastText: '#1f1600' },
        background: dark ? { default: '#12161b', paper: '#1a2027' } : { default: '#f4f6f8', paper: '#ffffff' },
      },
      shape: { borderRadius: 6 },
      typography: {
        fontFamily: '"Segoe UI", system-ui, -apple-system, Roboto, "Helvetica Neue", Arial, sans-serif',
        fontSize: 13,
        h1: { fontSize: '1.5rem', fontWeight: 600, lineHeight: 1.3 },
        h2: { fontSize: '1.1rem', fontWeight: 600, lineHeight: 1.4 },
        button: { textTransform: 'none', fontWeight: 600 },
        // Used as `sx={{ typography: 'mono' }}`: only the face changes, size and weight follow the surrounding text.
        mono: { fontFamily: MONO_STACK },
      },
      components: {
        MuiCssBaseline: {
          styleOverrides: {
            // Keyboard users must always see where they are; the outline follows the primary colour.
            ':focus-visible': { outline: `2px solid ${dark ? '#90caf9' : '#1f5fa8'}`, outlineOffset: 2 },
          },
        },
        MuiTable: { defaultProps: { size: 'small' } },
        MuiTableCell: {
          styleOverrides: {
            head: { fontWeight: 600, whiteSpace: 'nowrap' },
            root: { fontVariantNumeric: 'tabular-nums' },
          },
        },
        // Dense by default, as a commissioning tool with many fields and tables should be: the size lives here, not on
        // every control.
        MuiButton: { defaultProps: { disableElevation: true, size: 'small' } },
        MuiIconButton: { defaultProps: { size: 'small' } },
        MuiTextField: { defaultProps: { size: 'small' } },
        MuiCheckbox: { defaultProps: { size: 'small' } },
        MuiRadio: { defaultProps: { size: 'small' } },
        MuiSwitch: { defaultProps: { size: 'small' } },
        MuiSelect: { defaultProps: { size: 'small' } },
        MuiToggleButton: { defaultProps: { size: 'small' } },
        MuiAppBar: { defaultProps: { elevation: 0 } },
        MuiChip: { defaultProps: { size: 'small' } },
      },
    },
    MUI_LOCALES[language],
  );
}

/** Light or dark, following the operating system, and switching live when the OS does; MUI's words in the UI language. */
export function useAppTheme(): Theme {
  const prefersDark = useMediaQuery('(prefers-color-scheme: dark)');
  const reducedMotion = useMediaQuery('(prefers-reduced-motion: reduce)');
  const { i18n } = useTranslation();
  const language = isLanguage(i18n.resolvedLanguage) ? i18n.resolvedLanguage : 'en';
  return useMemo(() => createAppTheme(prefersDark ? 'dark' : 'light', reducedMotion, language), [prefersDark, reducedMotion, language]);
}
