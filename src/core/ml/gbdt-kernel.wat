(module
  (import "env" "memory" (memory 1 65536 shared))
  (func $hist_direct (export "hist_direct") (param $hist i32) (param $bins i32) (param $p i32) (param $grad i32) (param $hess i32) (param $order i32) (param $k i32) (param $end i32) (param $feats i32) (param $qLo i32) (param $qHi i32)
    (local $r i32)
    (local $gh v128)
    (local $row i32)
    (local $q i32)
    (local $qe i32)
    (local $f i32)
    (local $cell i32)
    block
      loop
        local.get $k
        local.get $end
        i32.ge_u
        br_if 1
        local.get $order
        local.get $k
        i32.const 2
        i32.shl
        i32.add
        i32.load
        local.set $r
        local.get $grad
        local.get $r
        i32.const 3
        i32.shl
        i32.add
        f64.load
        f64x2.splat
        local.get $hess
        local.get $r
        i32.const 3
        i32.shl
        i32.add
        f64.load
        f64x2.replace_lane 1
        local.set $gh
        local.get $bins
        local.get $r
        local.get $p
        i32.mul
        i32.add
        local.set $row
        local.get $row
        local.get $qLo
        i32.add
        local.set $q
        local.get $row
        local.get $qHi
        i32.add
        local.set $qe
        local.get $hist
        local.get $qLo
        i32.const 6144
        i32.mul
        i32.add
        local.set $f
        block
          loop
            local.get $q
            local.get $qe
            i32.ge_u
            br_if 1
            local.get $f
            local.get $q
            i32.load8_u
            i32.const 24
            i32.mul
            i32.add
            local.set $cell
            local.get $cell
            local.get $cell
            v128.load
            local.get $gh
            f64x2.add
            v128.store
            local.get $cell
            local.get $cell
            f64.load offset=16
            f64.const 1
            f64.add
            f64.store offset=16
            local.get $q
            i32.const 1
            i32.add
            local.set $q
            local.get $f
            i32.const 6144
            i32.add
            local.set $f
            br 0
          end
        end
        local.get $k
        i32.const 1
        i32.add
        local.set $k
        br 0
      end
    end
  )
  (func $hist_direct_list (export "hist_direct_list") (param $hist i32) (param $bins i32) (param $p i32) (param $grad i32) (param $hess i32) (param $order i32) (param $k i32) (param $end i32) (param $feats i32) (param $qLo i32) (param $qHi i32)
    (local $r i32)
    (local $gh v128)
    (local $row i32)
    (local $q i32)
    (local $qe i32)
    (local $f i32)
    (local $cell i32)
    block
      loop
        local.get $k
        local.get $end
        i32.ge_u
        br_if 1
        local.get $order
        local.get $k
        i32.const 2
        i32.shl
        i32.add
        i32.load
        local.set $r
        local.get $grad
        local.get $r
        i32.const 3
        i32.shl
        i32.add
        f64.load
        f64x2.splat
        local.get $hess
        local.get $r
        i32.const 3
        i32.shl
        i32.add
        f64.load
        f64x2.replace_lane 1
        local.set $gh
        local.get $bins
        local.get $r
        local.get $p
        i32.mul
        i32.add
        local.set $row
        local.get $feats
        local.get $qLo
        i32.const 2
        i32.shl
        i32.add
        local.set $q
        local.get $feats
        local.get $qHi
        i32.const 2
        i32.shl
        i32.add
        local.set $qe
        block
          loop
            local.get $q
            local.get $qe
            i32.ge_u
            br_if 1
            local.get $q
            i32.load
            local.set $f
            local.get $hist
            local.get $f
            i32.const 6144
            i32.mul
            i32.add
            local.get $row
            local.get $f
            i32.add
            i32.load8_u
            i32.const 24
            i32.mul
            i32.add
            local.set $cell
            local.get $cell
            local.get $cell
            v128.load
            local.get $gh
            f64x2.add
            v128.store
            local.get $cell
            local.get $cell
            f64.load offset=16
            f64.const 1
            f64.add
            f64.store offset=16
            local.get $q
            i32.const 4
            i32.add
            local.set $q
            br 0
          end
        end
        local.get $k
        i32.const 1
        i32.add
        local.set $k
        br 0
      end
    end
  )
  (func $gather (export "gather") (param $rows i32) (param $pairs i32) (param $bins i32) (param $p i32) (param $chunks i32) (param $grad i32) (param $hess i32) (param $order i32) (param $k i32) (param $end i32)
    (local $r i32)
    (local $src i32)
    (local $c i32)
    block
      loop
        local.get $k
        local.get $end
        i32.ge_u
        br_if 1
        local.get $order
        local.get $k
        i32.const 2
        i32.shl
        i32.add
        i32.load
        local.set $r
        local.get $bins
        local.get $r
        local.get $p
        i32.mul
        i32.add
        local.set $src
        i32.const 0
        local.set $c
        block
          loop
            local.get $c
            local.get $chunks
            i32.ge_u
            br_if 1
            local.get $rows
            local.get $src
            v128.load
            v128.store
            local.get $rows
            i32.const 16
            i32.add
            local.set $rows
            local.get $src
            i32.const 16
            i32.add
            local.set $src
            local.get $c
            i32.const 1
            i32.add
            local.set $c
            br 0
          end
        end
        local.get $pairs
        local.get $grad
        local.get $r
        i32.const 3
        i32.shl
        i32.add
        f64.load
        f64x2.splat
        local.get $hess
        local.get $r
        i32.const 3
        i32.shl
        i32.add
        f64.load
        f64x2.replace_lane 1
        v128.store
        local.get $pairs
        i32.const 16
        i32.add
        local.set $pairs
        local.get $k
        i32.const 1
        i32.add
        local.set $k
        br 0
      end
    end
  )
  (func $hist_gathered (export "hist_gathered") (param $hist i32) (param $rows i32) (param $stride i32) (param $pairs i32) (param $m i32) (param $feats i32) (param $qLo i32) (param $qHi i32)
    (local $end i32)
    (local $gh v128)
    (local $row i32)
    (local $q i32)
    (local $qe i32)
    (local $f i32)
    (local $cell i32)
    local.get $pairs
    local.get $m
    i32.const 4
    i32.shl
    i32.add
    local.set $end
    block
      loop
        local.get $pairs
        local.get $end
        i32.ge_u
        br_if 1
        local.get $pairs
        v128.load
        local.set $gh
        local.get $rows
        local.set $row
        local.get $row
        local.get $qLo
        i32.add
        local.set $q
        local.get $row
        local.get $qHi
        i32.add
        local.set $qe
        local.get $hist
        local.get $qLo
        i32.const 6144
        i32.mul
        i32.add
        local.set $f
        block
          loop
            local.get $q
            local.get $qe
            i32.ge_u
            br_if 1
            local.get $f
            local.get $q
            i32.load8_u
            i32.const 24
            i32.mul
            i32.add
            local.set $cell
            local.get $cell
            local.get $cell
            v128.load
            local.get $gh
            f64x2.add
            v128.store
            local.get $cell
            local.get $cell
            f64.load offset=16
            f64.const 1
            f64.add
            f64.store offset=16
            local.get $q
            i32.const 1
            i32.add
            local.set $q
            local.get $f
            i32.const 6144
            i32.add
            local.set $f
            br 0
          end
        end
        local.get $rows
        local.get $stride
        i32.add
        local.set $rows
        local.get $pairs
        i32.const 16
        i32.add
        local.set $pairs
        br 0
      end
    end
  )
  (func $hist_gathered_list (export "hist_gathered_list") (param $hist i32) (param $rows i32) (param $stride i32) (param $pairs i32) (param $m i32) (param $feats i32) (param $qLo i32) (param $qHi i32)
    (local $end i32)
    (local $gh v128)
    (local $row i32)
    (local $q i32)
    (local $qe i32)
    (local $f i32)
    (local $cell i32)
    local.get $pairs
    local.get $m
    i32.const 4
    i32.shl
    i32.add
    local.set $end
    block
      loop
        local.get $pairs
        local.get $end
        i32.ge_u
        br_if 1
        local.get $pairs
        v128.load
        local.set $gh
        local.get $rows
        local.set $row
        local.get $feats
        local.get $qLo
        i32.const 2
        i32.shl
        i32.add
        local.set $q
        local.get $feats
        local.get $qHi
        i32.const 2
        i32.shl
        i32.add
        local.set $qe
        block
          loop
            local.get $q
            local.get $qe
            i32.ge_u
            br_if 1
            local.get $q
            i32.load
            local.set $f
            local.get $hist
            local.get $f
            i32.const 6144
            i32.mul
            i32.add
            local.get $row
            local.get $f
            i32.add
            i32.load8_u
            i32.const 24
            i32.mul
            i32.add
            local.set $cell
            local.get $cell
            local.get $cell
            v128.load
            local.get $gh
            f64x2.add
            v128.store
            local.get $cell
            local.get $cell
            f64.load offset=16
            f64.const 1
            f64.add
            f64.store offset=16
            local.get $q
            i32.const 4
            i32.add
            local.set $q
            br 0
          end
        end
        local.get $rows
        local.get $stride
        i32.add
        local.set $rows
        local.get $pairs
        i32.const 16
        i32.add
        local.set $pairs
        br 0
      end
    end
  )
  (func $partition (export "partition") (param $column i32) (param $order i32) (param $scratch i32) (param $k i32) (param $end i32) (param $thr i32) (param $defLeft i32) (param $mask i32) (result i32)
    (local $row i32)
    (local $b i32)
    (local $l i32)
    (local $rr i32)
    (local $start i32)
    (local $left i32)
    local.get $k
    local.set $start
    local.get $k
    local.set $l
    local.get $k
    local.set $rr
    block
      loop
        local.get $k
        local.get $end
        i32.ge_u
        br_if 1
        local.get $order
        local.get $k
        i32.const 2
        i32.shl
        i32.add
        i32.load
        local.set $row
        local.get $column
        local.get $row
        i32.add
        i32.load8_u
        local.set $b
        local.get $defLeft
        local.get $mask
        local.get $b
        i32.add
        i32.load8_u
        local.get $b
        local.get $thr
        i32.le_u
        local.get $mask
        select
        local.get $b
        i32.eqz
        select
        local.set $left
        local.get $order
        local.get $l
        i32.const 2
        i32.shl
        i32.add
        local.get $row
        i32.store
        local.get $scratch
        local.get $rr
        i32.const 2
        i32.shl
        i32.add
        local.get $row
        i32.store
        local.get $l
        local.get $left
        i32.add
        local.set $l
        local.get $rr
        i32.const 1
        local.get $left
        i32.sub
        i32.add
        local.set $rr
        local.get $k
        i32.const 1
        i32.add
        local.set $k
        br 0
      end
    end
    local.get $l
    local.get $start
    i32.sub
  )
  (func $subtract (export "subtract") (param $parent i32) (param $child i32) (param $bytes i32)
    (local $end i32)
    local.get $parent
    local.get $bytes
    i32.add
    local.set $end
    block
      loop
        local.get $parent
        local.get $end
        i32.ge_u
        br_if 1
        local.get $parent
        local.get $parent
        v128.load
        local.get $child
        v128.load
        f64x2.sub
        v128.store
        local.get $parent
        i32.const 16
        i32.add
        local.set $parent
        local.get $child
        i32.const 16
        i32.add
        local.set $child
        br 0
      end
    end
  )
  (func $add_leaf (export "add_leaf") (param $score i32) (param $order i32) (param $k i32) (param $end i32) (param $v f64)
    (local $addr i32)
    block
      loop
        local.get $k
        local.get $end
        i32.ge_u
        br_if 1
        local.get $score
        local.get $order
        local.get $k
        i32.const 2
        i32.shl
        i32.add
        i32.load
        i32.const 3
        i32.shl
        i32.add
        local.set $addr
        local.get $addr
        local.get $addr
        f64.load
        local.get $v
        f64.add
        f64.store
        local.get $k
        i32.const 1
        i32.add
        local.set $k
        br 0
      end
    end
  )
)
