import Box from '@mui/material/Box';
import MenuItem from '@mui/material/MenuItem';
import TextField from '@mui/material/TextField';
import Typography from '@mui/material/Typography';
import { isLanguage, LANGUAGE_NAMES, LANGUAGES, setLanguage, useTranslation } from '../../i18n';

/** The UI language; the choice is remembered, and until one is made the OS language decides. */
export function LanguageSection() {
  const { t, i18n } = useTranslation('settings');
  const current = isLanguage(i18n.resolvedLanguage) ? i18n.resolvedLanguage : 'en';
  return (
    <Box component="section" aria-labelledby="language-heading" sx={{ mb: 4 }}>
      <Typography variant="h2" component="h2" id="language-heading" sx={{ mb: 1 }}>
        {t('language.heading')}
      </Typography>
      <Typography variant="body2" color="text.secondary" sx={{ mb: 1.5 }}>
        {t('language.description')}
      </Typography>
      <TextField
        select
        label={t('language.label')}
        value={current}
        onChange={(event) => {
          if (isLanguage(event.target.value)) void setLanguage(event.target.value);
        }}
        sx={{ minWidth: 200 }}
      >
        {LANGUAGES.map((language) => (
          <MenuItem key={language} value={language} lang={language}>
            {LANGUAGE_NAMES[language]}
          </MenuItem>
        ))}
      </TextField>
    </Box>
  );
}
