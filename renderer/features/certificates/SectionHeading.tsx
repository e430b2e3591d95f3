import type { ReactNode } from 'react';
import Stack from '@mui/material/Stack';
import Typography from '@mui/material/Typography';

/** A section's h2 with its one-line purpose and optional actions on the right. */
export function SectionHeading({
  id,
  title,
  description,
  actions,
}: {
  id: string;
  title: string;
  description?: ReactNode;
  actions?: ReactNode;
}) {
  return (
    <>
      <Stack direction="row" spacing={2} sx={{ alignItems: 'center', justifyContent: 'space-between', mb: 0.5 }}>
        <Typography variant="h2" component="h2" id={id}>
          {title}
        </Typography>
        {actions}
      </Stack>
      {description && (
        <Typography variant="body2" color="text.secondary" sx={{ mb: 1.5, maxWidth: 900 }}>
          {description}
        </Typography>
      )}
    </>
  );
}
