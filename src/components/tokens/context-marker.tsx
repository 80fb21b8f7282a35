export function ContextMarker({ windowEnd }: { windowEnd: number }) {
  return (
    <span role="separator" aria-label={`Context window ends after ${windowEnd} tokens; later tokens are dimmed`} className="ctx-marker">
      window ends · {windowEnd.toLocaleString('en-US')}
    </span>
  );
}
