// Small browser helpers the dashboard calls through JS interop.
window.starsStudio = {
  copy: async (text) => {
    try { await navigator.clipboard.writeText(text); return true; }
    catch {
      // Clipboard API needs a secure context; fall back to a hidden textarea on plain http.
      const area = document.createElement('textarea');
      area.value = text; area.style.position = 'fixed'; area.style.opacity = '0';
      document.body.appendChild(area); area.select();
      const ok = document.execCommand('copy'); area.remove(); return ok;
    }
  },
  scrollToBottom: (element) => { if (element) element.scrollTop = element.scrollHeight; },
};
