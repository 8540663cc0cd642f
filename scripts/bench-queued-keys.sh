#!/bin/bash
# usage: keys.sh BINARY WIDTH HEIGHT  -> seconds from sending 5000 Right + q to exit
B=$1; W=$2; H=$3; S=${TMPDIR:-/tmp}/tm-$$
tmux -S $S new-session -d -x $W -y $H "$B explore --demo reber; echo EXITED > ${TMPDIR:-/tmp}/exit-$$; sleep 30"
sleep 2
args=(); for i in $(seq 1 500); do args+=(Right); done
start=$(date +%s.%N)
for k in $(seq 1 10); do tmux -S $S send-keys "${args[@]}"; done
tmux -S $S send-keys q
while [ ! -e ${TMPDIR:-/tmp}/exit-$$ ]; do sleep 0.02; now=$(date +%s); [ $((now - ${start%.*})) -gt 120 ] && break; done
end=$(date +%s.%N)
echo "$W x $H: $(echo "$end - $start" | bc) s"
tmux -S $S kill-server; rm -f ${TMPDIR:-/tmp}/exit-$$ $S
