#!/bin/bash
# usage: paste.sh BINARY -> seconds from pasting 10,000 characters in typing mode (T) to the program's exit after Esc q
B=$1; S=${TMPDIR:-/tmp}/pa-$$
tmux -S $S new-session -d -x 120 -y 40 "$B explore --demo text; echo EXITED > ${TMPDIR:-/tmp}/pexit-$$; sleep 30"
sleep 3
tmux -S $S send-keys T
sleep 0.5
text=$(python3 -c "print(('the quick brown fox jumps over the lazy dog ' * 300)[:10000], end='')")
start=$(date +%s.%N)
tmux -S $S send-keys -l "$text"
tmux -S $S send-keys Escape q
while [ ! -e ${TMPDIR:-/tmp}/pexit-$$ ]; do sleep 0.05; now=$(date +%s); [ $((now - ${start%.*})) -gt 240 ] && { echo "not done in 240 s"; break; }; done
end=$(date +%s.%N)
echo "paste 10000 + Esc q: $(echo "$end - $start" | bc) s"
tmux -S $S kill-server; rm -f ${TMPDIR:-/tmp}/pexit-$$ $S
