import { ActionIcon, Badge, Group, Menu, Switch, Table, Tooltip } from '@mantine/core';
import { IconDots } from '@tabler/icons-react';
import { type ReactNode, useState } from 'react';
import { EmptyState } from '../../components/EmptyState';
import { useT } from '../../i18n';
import classes from './RecordTable.module.css';

export type RecordColumn<T> = {
  key: string;
  label: string;
  render: (row: T) => ReactNode;
  width?: number | string;
  /** Short values (dates, codes, badges) kept on one line. */
  nowrap?: boolean;
};

export type RowAction = { label: string; onClick: () => void; color?: string };

type Row = { id: number; voidedAt: string | null; voidReason: string | null };

/**
 * A history table of the record: live rows (the current one highlighted, marked 当前), voided rows
 * behind a switch (struck through, with the reason), a menu of actions per row, and an empty state.
 */
export function RecordTable<T extends Row>({
  rows,
  columns,
  isCurrent,
  actions,
  emptyTitle,
  emptyHint,
  label,
  testId,
}: {
  rows: readonly T[];
  columns: RecordColumn<T>[];
  isCurrent?: (row: T) => boolean;
  actions?: (row: T) => RowAction[];
  emptyTitle: string;
  emptyHint?: string;
  /** The table's accessible name. */
  label: string;
  testId?: string;
}) {
  const t = useT();
  const [showVoided, setShowVoided] = useState(false);
  const voidedCount = rows.filter((r) => r.voidedAt !== null).length;
  const visible = rows.filter((r) => showVoided || r.voidedAt === null);
  const hasActions = actions !== undefined && rows.some((r) => r.voidedAt === null && actions(r).length > 0);

  return (
    <div data-testid={testId}>
      {visible.length === 0 ? (
        <EmptyState title={emptyTitle} hint={emptyHint} />
      ) : (
        <Table.ScrollContainer minWidth={640}>
          <Table verticalSpacing="xs" highlightOnHover aria-label={label} className={classes.table}>
            <Table.Thead>
              <Table.Tr>
                {columns.map((c) => (
                  <Table.Th key={c.key} w={c.width} style={c.nowrap ? { whiteSpace: 'nowrap' } : undefined}>
                    {c.label}
                  </Table.Th>
                ))}
                {hasActions && <Table.Th w={48} aria-label={t('record.common.actions')} />}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {visible.map((row) => {
                const voided = row.voidedAt !== null;
                const current = !voided && (isCurrent?.(row) ?? false);
                const rowActions = voided || !actions ? [] : actions(row);
                return (
                  <Table.Tr
                    key={row.id}
                    data-current={current || undefined}
                    data-voided={voided || undefined}
                    className={current ? classes.current : voided ? classes.voided : undefined}
                  >
                    {columns.map((c, i) => (
                      <Table.Td key={c.key} style={c.nowrap ? { whiteSpace: 'nowrap' } : undefined}>
                        {i === 0 ? (
                          <Group gap={6} wrap="nowrap">
                            {c.render(row)}
                            {current && (
                              <Badge size="xs" color="teal" variant="filled">
                                {t('record.common.current')}
                              </Badge>
                            )}
                            {voided && (
                              <Tooltip label={row.voidReason ?? ''} disabled={!row.voidReason}>
                                <Badge size="xs" color="gray" variant="outline" style={{ textDecoration: 'none' }}>
                                  {t('record.common.voided')}
                                </Badge>
                              </Tooltip>
                            )}
                          </Group>
                        ) : (
                          c.render(row)
                        )}
                      </Table.Td>
                    ))}
                    {hasActions && (
                      <Table.Td>
                        {rowActions.length > 0 && (
                          <Menu position="bottom-end" withinPortal>
                            <Menu.Target>
                              <ActionIcon variant="subtle" color="gray" aria-label={t('record.common.actions')}>
                                <IconDots size={16} />
                              </ActionIcon>
                            </Menu.Target>
                            <Menu.Dropdown>
                              {rowActions.map((a) => (
                                <Menu.Item key={a.label} color={a.color} onClick={a.onClick}>
                                  {a.label}
                                </Menu.Item>
                              ))}
                            </Menu.Dropdown>
                          </Menu>
                        )}
                      </Table.Td>
                    )}
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {voidedCount > 0 && (
        <Group justify="flex-end" mt="xs">
          <Switch size="xs" checked={showVoided} onChange={(e) => setShowVoided(e.currentTarget.checked)} label={t('record.common.showVoided', { n: voidedCount })} />
        </Group>
      )}
    </div>
  );
}
